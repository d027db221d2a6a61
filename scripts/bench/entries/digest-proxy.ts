/**
 * Stand-in for the scheduled digest handler while `functions/handlers/` has none: what that Lambda will load
 * at cold start (the whole pipeline, every AWS adapter it wires at module scope, the templates), so its bundle
 * size and load time can be measured now. The bench uses the real handlers as soon as they exist.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoLedger } from '../../../functions/adapters/dynamo-ledger.ts';
import { DynamoSeen } from '../../../functions/adapters/dynamo-seen.ts';
import { DynamoSubscribers } from '../../../functions/adapters/dynamo-subscribers.ts';
import { HttpFetcher } from '../../../functions/adapters/http-fetcher.ts';
import { S3Archive } from '../../../functions/adapters/s3-archive.ts';
import { S3Inbox } from '../../../functions/adapters/s3-inbox.ts';
import { SesMailer } from '../../../functions/adapters/ses-mailer.ts';
import { loadTemplates } from '../../../functions/adapters/templates.ts';
import { ENV, configFromEnv, requireEnv } from '../../../functions/config.ts';
import { runDigest } from '../../../functions/core/digest/run.ts';

const config = configFromEnv();
const s3 = new S3Client({});
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const bucket = requireEnv(ENV.archiveBucket);
const deps = {
  reader: new S3Inbox({ client: s3, bucket }),
  fetcher: new HttpFetcher(),
  archive: new S3Archive({ client: s3, bucket }),
  seen: new DynamoSeen({ client: documents, table: requireEnv(ENV.seenTable) }),
  subscribers: new DynamoSubscribers({ client: documents, table: requireEnv(ENV.subscribersTable) }),
  ledger: new DynamoLedger({ client: documents, table: requireEnv(ENV.ledgerTable) }),
  mailer: new SesMailer({ client: new SESClient({ maxAttempts: 1 }), configurationSet: requireEnv(ENV.sesConfigurationSet) }),
  clock: { now: () => new Date() },
  templates: await loadTemplates(),
};

export async function handler(): Promise<unknown> {
  return runDigest(
    { sources: config.sources, digestTitle: config.title, sender: config.sender, siteUrl: config.siteUrl, sentences: config.sentences },
    { ...deps, tokenKey: requireEnv(ENV.tokenSecretArn) },
  );
}
