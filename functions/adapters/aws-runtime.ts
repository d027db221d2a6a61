/**
 * The AWS side of the ports, wired from the environment the CDK app sets. Built once per container
 * (module scope in the handlers), so warm invocations reuse the clients and their connections.
 * Endpoints follow the SDK's own settings (AWS_ENDPOINT_URL_S3, ...), which is how tests point them at local servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BUCKET_LAYOUT, ENV, configFromEnv, requireEnv, type DigestConfig } from '../config.ts';
import { InputError } from '../core/errors.ts';
import type { Templates } from '../core/digest/render.ts';
import type { DigestDeps } from '../core/digest/run.ts';
import type { DocumentRead, DocumentReader, Fetcher } from '../ports.ts';
import { DynamoLease } from './dynamo-lease.ts';
import { DynamoLedger } from './dynamo-ledger.ts';
import { DynamoSeen } from './dynamo-seen.ts';
import { DynamoSubscribers } from './dynamo-subscribers.ts';
import { HttpFetcher } from './http-fetcher.ts';
import { logJson } from './run-log.ts';
import { S3Archive } from './s3-archive.ts';
import { S3Inbox, isInboxLocation } from './s3-inbox.ts';
import { SecretTokenKey } from './secrets-token-key.ts';
import { SesMailer } from './ses-mailer.ts';

/** Every AWS call gives up rather than hang a run: SES locally never answers actions it lacks. */
const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 };

/** What one scheduled run gets: core's dependencies, plus the run's own inbox reader and mailer to report on. */
export interface AwsRun {
  readonly deps: DigestDeps;
  readonly inbox: S3Inbox;
  readonly mailer: SesMailer;
}

/**
 * The deps of one run: a fresh inbox, mailer and lease, everything else shared by the container's runs.
 * `leaseMs`: how long the run's lease holds if the run never lets it go (see `DynamoLease`).
 */
export async function newRun(
  runtime: AwsRuntime,
  templates: Promise<Templates>,
  onProgress: (message: string) => void,
  leaseMs?: number,
): Promise<AwsRun> {
  const inbox = runtime.newInbox();
  const mailer = runtime.newMailer();
  const deps: DigestDeps = {
    archive: runtime.archive,
    seen: runtime.seen,
    subscribers: runtime.subscribers,
    ledger: runtime.ledger,
    lease: runtime.newLease(leaseMs),
    fetcher: runtime.fetcher,
    reader: runtime.readerFor(inbox),
    mailer,
    clock: { now: () => new Date() },
    templates: await templates,
    tokenKey: await runtime.tokenKey.get(),
    onProgress,
  };
  return { deps, inbox, mailer };
}

/**
 * Every AWS adapter a function may need, each made on first use and then kept: a function only needs the
 * env vars of what it uses (the feedback function has no bucket), and a missing one names itself.
 */
export class AwsRuntime {
  readonly config: DigestConfig;
  readonly #env: NodeJS.ProcessEnv;
  readonly #made = new Map<string, unknown>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
    this.config = configFromEnv(env);
  }

  get s3(): S3Client {
    return this.#once('s3', () => new S3Client({ requestHandler: REQUEST_TIMEOUTS, forcePathStyle: this.#env.AWS_ENDPOINT_URL_S3 !== undefined }));
  }

  get dynamo(): DynamoDBDocumentClient {
    return this.#once('dynamo', () =>
      DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS }), { marshallOptions: { removeUndefinedValues: true } }),
    );
  }

  /** The mailer owns SES retries (maxAttempts 1): a timed-out send is never retried, so no mail goes out twice. */
  get ses(): SESClient {
    return this.#once('ses', () => new SESClient({ requestHandler: REQUEST_TIMEOUTS, maxAttempts: 1 }));
  }

  get archive(): S3Archive {
    return this.#once('archive', () => new S3Archive({ client: this.s3, bucket: this.#require(ENV.archiveBucket), prefix: BUCKET_LAYOUT.site }));
  }

  get subscribers(): DynamoSubscribers {
    return this.#once('subscribers', () => new DynamoSubscribers({ client: this.dynamo, table: this.#require(ENV.subscribersTable) }));
  }

  get ledger(): DynamoLedger {
    return this.#once('ledger', () => new DynamoLedger({ client: this.dynamo, table: this.#require(ENV.ledgerTable) }));
  }

  /** One run at a time, across concurrent invocations: a lease that holds `ttlMs` unless released. */
  newLease(ttlMs?: number): DynamoLease {
    return new DynamoLease({ client: this.dynamo, table: this.#require(ENV.ledgerTable), ...(ttlMs === undefined ? {} : { ttlMs }) });
  }

  get seen(): DynamoSeen {
    return this.#once('seen', () => new DynamoSeen({ client: this.dynamo, table: this.#require(ENV.seenTable) }));
  }

  get fetcher(): Fetcher {
    return this.#once('fetcher', () => new HttpFetcher());
  }

  get tokenKey(): SecretTokenKey {
    return this.#once(
      'tokenKey',
      () => new SecretTokenKey(this.#require(ENV.tokenSecretArn), { requestHandler: REQUEST_TIMEOUTS }),
    );
  }

  /** A fresh inbox reader per run: it remembers what that run read, to move it afterwards. */
  newInbox(): S3Inbox {
    return new S3Inbox({
      client: this.s3,
      bucket: this.#require(ENV.archiveBucket),
      prefix: BUCKET_LAYOUT.inbox,
      processedPrefix: BUCKET_LAYOUT.processed,
    });
  }

  /** A fresh mailer per run: pacing and throttling counts belong to one run. */
  newMailer(): SesMailer {
    return new SesMailer({
      client: this.ses,
      configurationSet: this.#require(ENV.sesConfigurationSet),
      ...(this.config.sendRate ? { sendRate: this.config.sendRate } : {}),
      warn: (message, detail) => logJson('WARN', message, detail),
    });
  }

  /** Reads `inbox/` and `s3://` locations from the bucket, http(s) URLs through the fetcher. */
  readerFor(inbox: S3Inbox): DocumentReader {
    const fetcher = this.fetcher;
    return {
      async *read(location: string): AsyncGenerator<DocumentRead> {
        if (isInboxLocation(location)) yield* inbox.read(location);
        else if (/^https?:\/\//i.test(location)) yield { document: await fetcher.get(location) };
        else throw new InputError(`${location}: on AWS a source is an http(s) URL or the bucket's inbox/`);
      },
    };
  }

  /** Fails the cold start, naming every missing one, when the function was not bound to what it needs. */
  requireBound(names: readonly string[]): this {
    const missing = names.filter((name) => !this.#env[name]?.trim());
    if (missing.length > 0) throw new InputError(`environment variables missing: ${missing.join(', ')}`);
    return this;
  }

  #require(name: string): string {
    return requireEnv(name, this.#env);
  }

  #once<T>(key: string, make: () => T): T {
    if (!this.#made.has(key)) this.#made.set(key, make());
    return this.#made.get(key) as T;
  }
}
