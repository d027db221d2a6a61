/**
 * What the scheduled digest run needs on AWS beyond aws-runtime.ts: the bucket (archive and inbox), the
 * fetcher for article URLs, and SES; apart, so the other functions do not load the S3 client at cold start.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { BUCKET_LAYOUT, ENV } from '../config.ts';
import type { Templates } from '../core/digest/render.ts';
import type { DigestDeps } from '../core/digest/run.ts';
import { InputError } from '../core/errors.ts';
import type { DocumentRead, DocumentReader } from '../ports.ts';
import { newSesMailer } from './aws-mail.ts';
import { REQUEST_TIMEOUTS, type AwsRuntime } from './aws-runtime.ts';
import { HttpFetcher } from './http-fetcher.ts';
import { S3Archive } from './s3-archive.ts';
import { S3Inbox, isInboxLocation } from './s3-inbox.ts';
import type { SesMailer } from './ses-mailer.ts';

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
  const s3 = runtime.once('s3', () => new S3Client({ requestHandler: REQUEST_TIMEOUTS, forcePathStyle: runtime.endpointSet('AWS_ENDPOINT_URL_S3') }));
  const bucket = runtime.require(ENV.archiveBucket);
  // A fresh inbox reader per run: it remembers what that run read, to move it afterwards.
  const inbox = new S3Inbox({ client: s3, bucket, prefix: BUCKET_LAYOUT.inbox, processedPrefix: BUCKET_LAYOUT.processed });
  const fetcher = runtime.once('fetcher', () => new HttpFetcher());
  const mailer = newSesMailer(runtime);
  const deps: DigestDeps = {
    archive: runtime.once('archive', () => new S3Archive({ client: s3, bucket, prefix: BUCKET_LAYOUT.site })),
    seen: runtime.seen,
    subscribers: runtime.subscribers,
    ledger: runtime.ledger,
    lease: runtime.newLease(leaseMs),
    fetcher,
    reader: readerFor(inbox, fetcher),
    mailer,
    clock: { now: () => new Date() },
    templates: await templates,
    tokenKey: await runtime.tokenKey.get(),
    onProgress,
  };
  return { deps, inbox, mailer };
}

/** Reads `inbox/` locations from the bucket, http(s) URLs through the fetcher. */
function readerFor(inbox: S3Inbox, fetcher: HttpFetcher): DocumentReader {
  return {
    async *read(location: string): AsyncGenerator<DocumentRead> {
      if (isInboxLocation(location)) yield* inbox.read(location);
      else if (/^https?:\/\//i.test(location)) yield { document: await fetcher.get(location) };
      else throw new InputError(`${location}: on AWS a source is an http(s) URL or the bucket's inbox/`);
    },
  };
}
