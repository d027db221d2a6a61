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
import type { DocumentRead, DocumentReader } from '../ports.ts';
import { InputError } from '../core/errors.ts';
import { readAhead } from './read-ahead.ts';

export interface S3InboxOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** The prefix users drop files under. @default "inbox/" */
  readonly prefix?: string;
  /** Where read files are moved, followed by the run date. @default "processed/" */
  readonly processedPrefix?: string;
  /** Larger objects are reported as failed reads and left in the inbox, never read into memory. @default 5 MiB */
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

  constructor(options: S3InboxOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? 'inbox/';
    this.#processedPrefix = options.processedPrefix ?? 'processed/';
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#pageSize = options.pageSize;
  }

  /**
   * Reads every file under the inbox prefix (or the prefix an `s3://` location names in this bucket), one
   * list page and one object at a time. An object that cannot be got, or is over the size limit, is reported
   * in its place and stays in the inbox; the others are still read.
   */
  async *read(location: string): AsyncGenerator<DocumentRead> {
    const objects = this.#objectsUnder(this.#prefixOf(location));
    // A few objects fetched ahead: each GET's round trip overlaps the work on the one before.
    const fetchObject = async ({ key, size }: { key: string; size: number }) => ({
      key,
      read: size > this.#maxBytes ? this.#tooLarge(key, size) : await this.#readObject(key),
    });
    for await (const { key, read } of readAhead(objects, fetchObject)) {
      if ('document' in read) this.#read.add(key);
      yield read;
    }
  }

  /** The objects to read under a prefix, page by page: not folders, not read before. */
  async *#objectsUnder(prefix: string): AsyncGenerator<{ key: string; size: number }> {
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
        yield { key, size: object.Size ?? 0 };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  /**
   * An object too large to be an article, as a failed read: the run summary names it like any unreadable
   * file (bad input, as a too-large local file is). It is not moved, so every run names it again until
   * someone removes it or makes it smaller, rather than leaving it in the inbox unnoticed.
   */
  #tooLarge(key: string, size: number): DocumentRead {
    const location = `s3://${this.#bucket}/${key}`;
    const message =
      `${location}: ${sizeText(size)} is larger than the ${sizeText(this.#maxBytes)} limit for an article, so it was not read; ` +
      'it stays in the inbox (remove it or make it smaller)';
    return { location, error: new InputError(message) };
  }

  async #readObject(key: string): Promise<DocumentRead> {
    const location = `s3://${this.#bucket}/${key}`;
    try {
      const got = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      const contentType = got.ContentType && !GENERIC_CONTENT_TYPES.has(got.ContentType) ? got.ContentType : undefined;
      return { document: { location, ...(contentType ? { contentType } : {}), body: (await got.Body?.transformToString('utf-8')) ?? '' } };
    } catch (error) {
      // The SDK's message ("The specified key does not exist.") does not say which object.
      const reason = error instanceof Error ? error.message : String(error);
      return { location, error: new Error(`${location}: could not be read (${reason}); it stays in the inbox for the next run`, { cause: error }) };
    }
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

/** What S3 reports when the uploader gave no type: nothing to learn from, so the content is sniffed instead. */
const GENERIC_CONTENT_TYPES = new Set(['binary/octet-stream', 'application/octet-stream']);

/** 2048 → "2 KB", 6291456 → "6 MB": at most one decimal, as a person would say it. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
