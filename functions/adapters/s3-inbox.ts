/**
 * An inbox in S3: articles a user drops under `inbox/` in the bucket join the next digest. A run reads
 * them all; once the run has finished, `markProcessed` moves each to `processed/<date>/...`, out of the
 * inbox, so it is read once. Until then a failed run leaves them where they are for the next try
 * (the seen set keeps an article that did make it into an issue from appearing twice).
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { RawDocument } from '../core/model.ts';
import type { DocumentReader } from '../ports.ts';
import { InputError } from '../core/errors.ts';

export interface S3InboxOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** The prefix users drop files under. @default "inbox/" */
  readonly prefix?: string;
  /** Where read files are moved, followed by the run date. @default "processed/" */
  readonly processedPrefix?: string;
  /** Larger objects are skipped (and reported by `skipped`), never read into memory. @default 5 MiB */
  readonly maxBytes?: number;
  /** Keys per list request. @default 1000 (S3's maximum) */
  readonly pageSize?: number;
}

/** True for the locations this reader owns: `inbox/...` and `s3://bucket/...`. */
export function isInboxLocation(location: string): boolean {
  return location.startsWith('s3://') || location === 'inbox' || location.startsWith('inbox/');
}

export class S3Inbox implements DocumentReader {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #processedPrefix: string;
  readonly #maxBytes: number;
  readonly #pageSize: number | undefined;
  readonly #read = new Set<string>();
  /** Keys left alone because they were too large; the run summary reports them. */
  readonly skipped: string[] = [];

  constructor(options: S3InboxOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? 'inbox/';
    this.#processedPrefix = options.processedPrefix ?? 'processed/';
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#pageSize = options.pageSize;
  }

  /** Reads every file under the inbox prefix (or the prefix an `s3://` location names in this bucket). */
  async read(location: string): Promise<RawDocument[]> {
    const prefix = this.#prefixOf(location);
    const documents: RawDocument[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken,
          ...(this.#pageSize ? { MaxKeys: this.#pageSize } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (!key || key.endsWith('/') || this.#read.has(key)) continue;
        if ((object.Size ?? 0) > this.#maxBytes) {
          this.skipped.push(key);
          continue;
        }
        const got = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
        documents.push({
          location: `s3://${this.#bucket}/${key}`,
          ...(got.ContentType && got.ContentType !== 'binary/octet-stream' && got.ContentType !== 'application/octet-stream'
            ? { contentType: got.ContentType }
            : {}),
          body: (await got.Body?.transformToString('utf-8')) ?? '',
        });
        this.#read.add(key);
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return documents;
  }

  /** Moves every file read so far to `processed/<YYYY-MM-DD>/<path inside the inbox>`; returns the new keys. */
  async markProcessed(now: Date): Promise<string[]> {
    const day = now.toISOString().slice(0, 10);
    const moved: string[] = [];
    for (const key of this.#read) {
      const target = `${this.#processedPrefix}${day}/${key.startsWith(this.#prefix) ? key.slice(this.#prefix.length) : key}`;
      await this.#client.send(
        new CopyObjectCommand({ Bucket: this.#bucket, Key: target, CopySource: `${this.#bucket}/${encodeKey(key)}` }),
      );
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
      moved.push(target);
    }
    this.#read.clear();
    return moved;
  }

  #prefixOf(location: string): string {
    if (!location.startsWith('s3://')) return location.endsWith('/') ? location : `${location}/`;
    const [bucket, ...rest] = location.slice('s3://'.length).split('/');
    if (bucket !== this.#bucket) throw new InputError(`${location}: only the archive bucket's inbox can be read (${this.#bucket})`);
    const prefix = rest.join('/');
    return prefix === '' ? this.#prefix : prefix;
  }
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
