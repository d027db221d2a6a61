/**
 * The archive on S3: issue pages, index, feed and issue data, served by CloudFront from a private bucket.
 * Every object carries a Content-Type with a charset and a Cache-Control that fits how often it changes.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArchiveStore } from '../ports.ts';

export interface S3ArchiveOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key, e.g. "site/". @default "" (the bucket root is the site root) */
  readonly prefix?: string;
}

/**
 * Index, feed, scripts and other top-level files change with every issue: a short cache so readers see a
 * new issue within minutes. A published issue page changes once more, when the next issue adds its
 * "next" link: an hour. Data the pipeline reads back (JSON) is never cached, so a retry or the next run
 * never works from a stale copy.
 */
export function cacheControlFor(key: string): string {
  if (key.endsWith('.json')) return 'no-cache';
  if (/^issues\/[^/]+\//.test(key)) return 'public, max-age=3600';
  return 'public, max-age=300';
}

/** Text types get an explicit UTF-8 charset, so a browser never guesses one from the bytes. */
export function contentTypeWithCharset(contentType: string): string {
  const isText = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript)\b)/i.test(contentType);
  return isText && !/;\s*charset=/i.test(contentType) ? `${contentType}; charset=utf-8` : contentType;
}

export class S3Archive implements ArchiveStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3ArchiveOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#prefix + key,
        Body: body,
        ContentType: contentTypeWithCharset(contentType),
        CacheControl: cacheControlFor(key),
      }),
    );
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}
