/**
 * The AWS side of the ports, wired from the environment the CDK app sets. Built once per container
 * (module scope in the handlers), so warm invocations reuse the clients and their connections.
 * Endpoints follow the SDK's own settings (AWS_ENDPOINT_URL_S3, ...), which is how tests point them at local servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BUCKET_LAYOUT, ENV, configFromEnv, requireEnv, type DigestConfig } from '../config.ts';
import { InputError } from '../core/errors.ts';
import type { RawDocument } from '../core/model.ts';
import type { DocumentReader, Fetcher } from '../ports.ts';
import { DynamoLease } from './dynamo-lease.ts';
import { DynamoLedger } from './dynamo-ledger.ts';
import { DynamoSeen } from './dynamo-seen.ts';
import { DynamoSubscribers } from './dynamo-subscribers.ts';
import { HttpFetcher } from './http-fetcher.ts';
import { S3Archive } from './s3-archive.ts';
import { S3Inbox, isInboxLocation } from './s3-inbox.ts';
import { SecretTokenKey } from './secrets-token-key.ts';
import { SesMailer } from './ses-mailer.ts';

/** Every AWS call gives up rather than hang a run: SES locally never answers actions it lacks. */
const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 };

export interface AwsRuntime {
  readonly config: DigestConfig;
  readonly clients: { s3: S3Client; dynamo: DynamoDBDocumentClient; ses: SESClient; secrets: SecretsManagerClient };
  readonly archive: S3Archive;
  readonly subscribers: DynamoSubscribers;
  readonly ledger: DynamoLedger;
  /** One run at a time, across concurrent invocations. */
  readonly lease: DynamoLease;
  readonly seen: DynamoSeen;
  readonly fetcher: Fetcher;
  readonly tokenKey: SecretTokenKey;
  /** A fresh inbox reader per run: it remembers what that run read, to move it afterwards. */
  newInbox(): S3Inbox;
  /** A fresh mailer per run: pacing and throttling counts belong to one run. */
  newMailer(): SesMailer;
  /** Reads `inbox/` and `s3://` locations from the bucket, http(s) URLs through the fetcher. */
  readerFor(inbox: S3Inbox): DocumentReader;
}

export function awsRuntime(env: NodeJS.ProcessEnv = process.env): AwsRuntime {
  const config = configFromEnv(env);
  const bucket = requireEnv(ENV.archiveBucket, env);
  const s3 = new S3Client({ requestHandler: REQUEST_TIMEOUTS, forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined });
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  // The mailer owns SES retries; a timed-out send is never retried, so no mail goes out twice.
  const ses = new SESClient({ requestHandler: REQUEST_TIMEOUTS, maxAttempts: 1 });
  const secrets = new SecretsManagerClient({ requestHandler: REQUEST_TIMEOUTS });
  const fetcher = new HttpFetcher();
  const configurationSet = requireEnv(ENV.sesConfigurationSet, env);
  const ledgerTable = requireEnv(ENV.ledgerTable, env);
  return {
    config,
    clients: { s3, dynamo, ses, secrets },
    archive: new S3Archive({ client: s3, bucket, prefix: BUCKET_LAYOUT.site }),
    subscribers: new DynamoSubscribers({ client: dynamo, table: requireEnv(ENV.subscribersTable, env) }),
    ledger: new DynamoLedger({ client: dynamo, table: ledgerTable }),
    lease: new DynamoLease({ client: dynamo, table: ledgerTable }),
    seen: new DynamoSeen({ client: dynamo, table: requireEnv(ENV.seenTable, env) }),
    fetcher,
    tokenKey: new SecretTokenKey(secrets, requireEnv(ENV.tokenSecretArn, env)),
    newInbox: () => new S3Inbox({ client: s3, bucket, prefix: BUCKET_LAYOUT.inbox, processedPrefix: BUCKET_LAYOUT.processed }),
    newMailer: () =>
      new SesMailer({ client: ses, configurationSet, ...(config.sendRate ? { sendRate: config.sendRate } : {}) }),
    readerFor: (inbox) => ({
      async read(location: string): Promise<RawDocument[]> {
        if (isInboxLocation(location)) return inbox.read(location);
        if (/^https?:\/\//i.test(location)) return [await fetcher.get(location)];
        throw new InputError(`${location}: on AWS a source is an http(s) URL or the bucket's inbox/`);
      },
    }),
  };
}
