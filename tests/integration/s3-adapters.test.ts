import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Archive } from '../../functions/adapters/s3-archive.ts';
import { S3Inbox } from '../../functions/adapters/s3-inbox.ts';
import type { DocumentRead } from '../../functions/ports.ts';
import { describeReads, readAll, readDocuments } from '../support/read-all.ts';
import { createBucket, s3Client, startS3, type Running } from './support/servers.ts';

let s3: Running;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3();
  client = s3Client(s3.endpoint);
  await createBucket(client, 'archive');
  await createBucket(client, 'inbox-test');
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

describe('S3Archive', () => {
  it('stores each object with a charset and a Cache-Control that fits how often it changes', async () => {
    const archive = new S3Archive({ client, bucket: 'archive', prefix: 'site/' });

    await archive.put('index.html', '<h1>Issues</h1>', 'text/html');
    await archive.put('feed.xml', '<rss/>', 'application/rss+xml');
    await archive.put('issues/3/index.html', '<h1>Issue 3</h1>', 'text/html; charset=utf-8');
    await archive.put('issues/3/issue.json', '{"issue":3}', 'application/json');

    const head = (key: string) => client.send(new HeadObjectCommand({ Bucket: 'archive', Key: `site/${key}` }));
    expect(await head('index.html')).toMatchObject({ ContentType: 'text/html; charset=utf-8', CacheControl: 'public, max-age=300' });
    expect(await head('feed.xml')).toMatchObject({ ContentType: 'application/rss+xml; charset=utf-8', CacheControl: 'public, max-age=300' });
    expect(await head('issues/3/index.html')).toMatchObject({ ContentType: 'text/html; charset=utf-8', CacheControl: 'public, max-age=3600' });
    expect(await head('issues/3/issue.json')).toMatchObject({ ContentType: 'application/json; charset=utf-8', CacheControl: 'no-cache' });
  });

  it('reads back what it stored, UTF-8 intact, and undefined for a key that is not there', async () => {
    const archive = new S3Archive({ client, bucket: 'archive' });
    await archive.put('issues/4/index.html', '<p>Zürich – “quoted”</p>', 'text/html');

    expect(await archive.get('issues/4/index.html')).toBe('<p>Zürich – “quoted”</p>');
    expect(await archive.get('issues/404/index.html')).toBeUndefined();
  });
});

describe('S3Inbox', () => {
  const put = (Key: string, Body: string, ContentType?: string) =>
    client.send(new PutObjectCommand({ Bucket: 'inbox-test', Key, Body, ...(ContentType ? { ContentType } : {}) }));
  const keys = async (Prefix: string) =>
    ((await client.send(new ListObjectsV2Command({ Bucket: 'inbox-test', Prefix }))).Contents ?? []).map((o) => o.Key).sort();

  it('reads every file under inbox/, over several list pages, and nothing outside it', async () => {
    for (let i = 0; i < 7; i++) await put(`inbox/bulk/${String(i).padStart(4, '0')}.txt`, `Article ${i}.`);
    await put('site/index.html', '<p>not an article</p>', 'text/html');
    const inbox = new S3Inbox({ client, bucket: 'inbox-test', pageSize: 3 });

    const documents = await readDocuments(inbox, 'inbox/');

    expect(documents.map((d) => d.body)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Article ${i}.`));
    expect(documents[0]).toEqual({ location: 's3://inbox-test/inbox/bulk/0000.txt', body: 'Article 0.' });
    expect(documents.some((d) => d.location.includes('/site/'))).toBe(false);
    await inbox.markProcessed(new Date('2026-11-28T07:00:00Z'));
    expect(await keys('inbox/')).toEqual([]);
  });

  it('keeps the content type, and moves what it read to processed/<date>/ only when told', async () => {
    await put('inbox/summit.html', '<html><title>Summit</title><p>Leaders met.</p></html>', 'text/html');
    await put('inbox/notes/raw.txt', 'Plain text.');
    const inbox = new S3Inbox({ client, bucket: 'inbox-test' });

    const documents = await readDocuments(inbox, 's3://inbox-test/inbox/');

    expect(documents).toEqual([
      { location: 's3://inbox-test/inbox/notes/raw.txt', body: 'Plain text.' },
      { location: 's3://inbox-test/inbox/summit.html', contentType: 'text/html', body: '<html><title>Summit</title><p>Leaders met.</p></html>' },
    ]);
    expect(await keys('inbox/')).toEqual(['inbox/notes/raw.txt', 'inbox/summit.html']);

    const moved = await inbox.markProcessed(new Date('2026-11-28T07:00:00Z'));

    expect(moved.sort()).toEqual(['processed/2026-11-28/notes/raw.txt', 'processed/2026-11-28/summit.html']);
    expect(await keys('inbox/')).toEqual([]);
    const kept = await client.send(new GetObjectCommand({ Bucket: 'inbox-test', Key: 'processed/2026-11-28/summit.html' }));
    expect(await kept.Body?.transformToString()).toContain('Leaders met.');
    expect(await readAll(inbox, 'inbox/')).toEqual([]);
  });

  it('reports an object that cannot be got in its place, reads the others, and moves only what it read', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await put(`inbox/flaky/${name}.txt`, `Article ${name}.`);
    const inbox = new S3Inbox({ client, bucket: 'inbox-test' });

    const reads: DocumentRead[] = [];
    for await (const read of inbox.read('s3://inbox-test/inbox/flaky/')) {
      reads.push(read);
      // The uploader replaces d.txt while the run reads (two objects are fetched ahead of the one taken,
      // so d's turn has not come yet): d.txt is listed but gone when it is fetched.
      if (reads.length === 1) await client.send(new DeleteObjectCommand({ Bucket: 'inbox-test', Key: 'inbox/flaky/d.txt' }));
    }
    await put('inbox/flaky/d.txt', 'Article d, replaced.');

    expect(describeReads(reads)).toEqual([
      ['s3://inbox-test/inbox/flaky/a.txt', 'Article a.'],
      ['s3://inbox-test/inbox/flaky/b.txt', 'Article b.'],
      ['s3://inbox-test/inbox/flaky/c.txt', 'Article c.'],
      ['s3://inbox-test/inbox/flaky/d.txt', expect.stringMatching(/^error: s3:\/\/inbox-test\/inbox\/flaky\/d\.txt: could not be read \(.+\); it stays in the inbox/)],
      ['s3://inbox-test/inbox/flaky/e.txt', 'Article e.'],
    ]);
    const moved = await inbox.markProcessed(new Date('2026-11-29T07:00:00Z'));
    expect(moved.sort()).toEqual(['a', 'b', 'c', 'e'].map((n) => `processed/2026-11-29/flaky/${n}.txt`));
    expect(await keys('inbox/flaky/')).toEqual(['inbox/flaky/d.txt']);
    await client.send(new DeleteObjectCommand({ Bucket: 'inbox-test', Key: 'inbox/flaky/d.txt' }));
  });

  it('reports an object larger than the limit in its place, without reading it, and leaves it in the inbox', async () => {
    await put('inbox/big/a-huge.txt', 'x'.repeat(2048));
    await put('inbox/big/b-small.txt', 'Article small.');
    const inbox = new S3Inbox({ client, bucket: 'inbox-test', maxBytes: 1024 });

    expect(describeReads(await readAll(inbox, 'inbox/big/'))).toEqual([
      [
        's3://inbox-test/inbox/big/a-huge.txt',
        'error: s3://inbox-test/inbox/big/a-huge.txt: 2 KB is larger than the 1 KB limit for an article, so it was not read; ' +
          'it stays in the inbox (remove it or make it smaller)',
      ],
      ['s3://inbox-test/inbox/big/b-small.txt', 'Article small.'],
    ]);
    expect(await inbox.markProcessed(new Date('2026-11-30T07:00:00Z'))).toEqual(['processed/2026-11-30/big/b-small.txt']);
    expect(await keys('inbox/big/')).toEqual(['inbox/big/a-huge.txt']);
    await client.send(new DeleteObjectCommand({ Bucket: 'inbox-test', Key: 'inbox/big/a-huge.txt' }));
  });

  it('refuses an s3:// location in another bucket', async () => {
    const inbox = new S3Inbox({ client, bucket: 'inbox-test' });
    await expect(readAll(inbox, 's3://someone-else/inbox/')).rejects.toThrow(/only the archive bucket/);
  });
});
