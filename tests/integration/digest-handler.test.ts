/**
 * The real digest handler, as the schedule invokes it, with the real SDK against local S3 (s3rver),
 * DynamoDB (dynalite) and SES (aws-ses-v2-local behind a recording, throttling proxy).
 */
import { readFile } from 'node:fs/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLease } from '../../functions/adapters/dynamo-lease.ts';
import { DynamoLedger } from '../../functions/adapters/dynamo-ledger.ts';
import { DynamoSubscribers } from '../../functions/adapters/dynamo-subscribers.ts';
import { verifyToken } from '../../functions/core/subscriptions/tokens.ts';
import {
  createBucket,
  createTable,
  digestLambdaEnv,
  dynamoClient,
  s3Client,
  startDynamo,
  startS3,
  startSecretsManager,
  startSes,
  type Running,
  type SesProxy,
} from './support/servers.ts';

const BUCKET = 'digest-archive';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:token-key-AbCdEf';
const TOKEN_KEY = 'k'.repeat(64);
const SITE = 'https://digest.example/';

let s3: Running;
let dynamo: Running;
let ses: SesProxy;
let secrets: Running & { reads: string[] };
let s3c: S3Client;
let db: DynamoDBDocumentClient;
let handler: typeof import('../../functions/handlers/digest.ts').handler;
const savedEnv = { ...process.env };
const quietStdout = process.stdout.write.bind(process.stdout);
const logLines: string[] = [];

beforeAll(async () => {
  [s3, dynamo, ses, secrets] = await Promise.all([startS3(), startDynamo(), startSes(), startSecretsManager({ [SECRET_ARN]: TOKEN_KEY })]);
  s3c = s3Client(s3.endpoint);
  db = dynamoClient(dynamo.endpoint);
  await createBucket(s3c, BUCKET);
  await Promise.all([createTable(db, 'subscribers', 'subscribers'), createTable(db, 'ledger', 'ledger'), createTable(db, 'seen', 'seen')]);
  Object.assign(process.env, digestLambdaEnv({ s3, dynamo, ses, secrets }, { bucket: BUCKET, secretArn: SECRET_ARN, config: { title: 'Morning Brief', sender: 'brief@digest.example', siteUrl: SITE, sendRate: 50 } }));
  // The handler writes its JSON log lines to stdout; keep them for assertions instead of the test output.
  process.stdout.write = ((chunk: string | Uint8Array) => {
    logLines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  ({ handler } = await import('../../functions/handlers/digest.ts'));
  process.stdout.write = quietStdout;

  const subscribers = new DynamoSubscribers({ client: db, table: 'subscribers' });
  const at = '2026-11-01T00:00:00.000Z';
  for (const email of ['ada@example.org', 'bob@example.org', 'cy@example.org']) {
    await subscribers.put({ email, state: 'confirmed', createdAt: at, updatedAt: at });
  }
  await subscribers.put({ email: 'pending@example.org', state: 'pending', createdAt: at, updatedAt: at });
  await subscribers.put({ email: 'gone@example.org', state: 'unsubscribed', createdAt: at, updatedAt: at });
});

afterAll(async () => {
  process.stdout.write = quietStdout;
  process.env = savedEnv;
  s3c?.destroy();
  db?.destroy();
  await Promise.all([s3?.close(), dynamo?.close(), ses?.close(), secrets?.close()]);
});

async function invoke(requestId: string) {
  logLines.length = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    logLines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    return await handler({ source: 'news-digest.schedule', scheduledAt: '2026-11-28T06:00:00Z' }, { awsRequestId: requestId });
  } finally {
    process.stdout.write = quietStdout;
  }
}

const dropInInbox = async (key: string, body: string, contentType = 'text/plain') =>
  s3c.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: contentType }));
const keys = async (Prefix: string) =>
  ((await s3c.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix }))).Contents ?? []).map((o) => o.Key ?? '').sort();
const text = async (Key: string) => (await s3c.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body?.transformToString();
const ledger = () => new DynamoLedger({ client: db, table: 'ledger' });
const recipientsOf = (raws: string[]) => raws.map((raw) => /^To: (.+)$/m.exec(raw)?.[1]?.trim()).sort();

describe('the scheduled digest run on AWS', () => {
  it('publishes the inbox articles as issue 1, records the ledger and mails each confirmed subscriber once', async () => {
    await dropInInbox('inbox/sco-summit.txt', await readFile('examples/sco-summit.txt', 'utf8'));

    const report = await invoke('run-1');

    expect(report).toMatchObject({ status: 'published', issue: 1, articlesIn: 1, articlesNew: 1, sent: 3, skipped: 0, failed: 0, inDoubt: 0 });
    expect(report.facts).toBeGreaterThan(3);
    expect(report.issueUrl).toBe(`${SITE}issues/1/index.html`);
    expect(await keys('site/')).toEqual(expect.arrayContaining(['site/feed.xml', 'site/index.html', 'site/issues.json', 'site/issues/1/index.html']));
    const page = await s3c.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'site/issues/1/index.html' }));
    expect(page).toMatchObject({ ContentType: 'text/html; charset=utf-8', CacheControl: 'public, max-age=3600' });
    expect(await text('site/feed.xml')).toContain(`${SITE}issues/1/`);
    const script = await s3c.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'site/site.js' }));
    expect(script).toMatchObject({ ContentType: 'text/javascript; charset=utf-8', CacheControl: 'public, max-age=300' });
    expect(await keys('inbox/')).toEqual([]);
    expect(await keys('processed/')).toEqual([expect.stringMatching(/^processed\/\d{4}-\d\d-\d\d\/sco-summit\.txt$/)]);

    const raws = ses.sent();
    expect(recipientsOf(raws)).toEqual(['ada@example.org', 'bob@example.org', 'cy@example.org']);
    const sends = ses.requests.filter((r) => r.action === 'SendRawEmail');
    expect(sends.every((r) => r.params.get('ConfigurationSetName') === 'digest-events')).toBe(true);
    const mail = await simpleParser(raws[0] as string);
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
    expect(mail.from?.value).toEqual([{ name: 'Morning Brief', address: 'brief@digest.example' }]);
    expect(mail.subject).toMatch(/Morning Brief|#1/);
    const list = mail.headers.get('list') as Record<string, { url?: string; mail?: string; name?: string; id?: string }>;
    expect(list['unsubscribe-post']).toEqual({ name: 'List-Unsubscribe=One-Click' });
    expect(list.unsubscribe?.mail).toBe('brief@digest.example?subject=unsubscribe');
    expect(list.id?.id).toMatch(/digest\.example$/);
    const unsubscribe = list.unsubscribe?.url ?? '';
    expect(unsubscribe.startsWith(`${SITE}api/unsubscribe?token=`)).toBe(true);
    const token = decodeURIComponent(new URL(unsubscribe).searchParams.get('token') ?? '');
    expect(verifyToken(token, TOKEN_KEY, 'unsubscribe', new Date())).toEqual({ ok: true, claims: { purpose: 'unsubscribe', email: to } });
    expect(mail.html).toContain(`${SITE}issues/1/`);

    const stored = (await ses.store()).emails;
    const entries = await ledger().entries(1);
    expect(entries.map((e) => [e.email, e.status])).toEqual([
      ['ada@example.org', 'sent'],
      ['bob@example.org', 'sent'],
      ['cy@example.org', 'sent'],
    ]);
    expect(entries.map((e) => e.messageId).sort()).toEqual(stored.map((e) => e.messageId).sort());
    expect(await ledger().unfinishedIssue()).toBeUndefined();

    const summaryLine = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'digest run finished');
    expect(summaryLine).toMatchObject({ level: 'INFO', status: 'published', issue: 1, articlesIn: 1, sent: 3, skipped: 0, failed: 0 });
    const metrics = logLines.map((l) => JSON.parse(l) as { _aws?: { CloudWatchMetrics: { Namespace: string }[] }; sent?: number }).find((l) => l._aws);
    expect(metrics?._aws?.CloudWatchMetrics[0]?.Namespace).toBe('NewsDigest');
    expect(metrics?.sent).toBe(3);
  });

  it('does nothing on a retried invocation: no new issue, no mail sent twice', async () => {
    const before = ses.sent().length;

    const report = await invoke('run-1-retry');

    expect(report).toMatchObject({ status: 'no-articles', issue: null, sent: 0 });
    expect(ses.sent()).toHaveLength(before);
    expect((await ses.store()).emails).toHaveLength(3);
  });

  it('refuses a malformed event, naming the field, before touching anything', async () => {
    await expect(handler({ source: 'news-digest.schedule', scheduledAt: 'yesterday' }, { awsRequestId: 'bad' })).rejects.toThrow(
      'digest event: field "scheduledAt": Invalid ISO datetime',
    );
    await expect(handler({ sources: [] }, { awsRequestId: 'bad' })).rejects.toThrow(/digest event: field "sources"/);
  });

  it('does nothing while another run holds the lease', async () => {
    const lease = new DynamoLease({ client: db, table: 'ledger' });
    await dropInInbox('inbox/later.txt', 'The ferry to Helgoland resumed service on Friday, the operator said, after a two-week repair.');
    expect(await lease.acquire('lambda:other-run', new Date())).toBe(true);

    const report = await invoke('run-while-busy');

    expect(report).toMatchObject({ status: 'busy', issue: null, sent: 0, inboxProcessed: 0 });
    expect(await keys('inbox/')).toEqual(['inbox/later.txt']);
    await lease.release('lambda:other-run');
    await s3c.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'inbox/later.txt' }));
  });

  it('retries a throttled send with back-off, and a send that stays throttled is finished by the next run, never twice', async () => {
    await ses.clear();
    await dropInInbox(
      'inbox/harbour.html',
      '<html><head><title>Harbour reopens after storm</title></head><body><article><h1>Harbour reopens after storm</h1>' +
        '<p>The port of Hamburg reopened on Tuesday after a storm closed it for two days, the harbour authority said.</p>' +
        '<p>About 40 ships had waited outside the Elbe estuary. Authority chief Jens Meier said repairs to two quays would take a month.</p>' +
        '<p>Shipping company Hapag-Lloyd said delays of up to three days were expected.</p></article></body></html>',
      'text/html',
    );
    // Two throttles: the first recipient's send is retried and goes through in the same run.
    ses.throttleNext(2);

    const first = await invoke('run-2');

    expect(first).toMatchObject({ status: 'published', issue: 2, sent: 3, failed: 0, throttled: 2 });
    expect(ses.requests.filter((r) => r.outcome === 'throttled')).toHaveLength(2);
    expect(recipientsOf(ses.sent())).toEqual(['ada@example.org', 'bob@example.org', 'cy@example.org']);

    // Now SES throttles every try of the first recipient of issue 3: it fails, the others get it.
    await ses.clear();
    await dropInInbox('inbox/council.txt', 'The city council of Leipzig approved a new tram line on Monday. Mayor Burkhard Jung said construction would start in 2027 and cost 120 million euros.');
    ses.throttleNext(6);
    const throttled = await invoke('run-3');
    expect(throttled).toMatchObject({ status: 'published', issue: 3, sent: 2, failed: 1 });
    expect(recipientsOf(ses.sent())).toEqual(['bob@example.org', 'cy@example.org']);
    expect(await ledger().unfinishedIssue()).toBe(3);

    const resumed = await invoke('run-4');

    expect(resumed).toMatchObject({ resumedIssue: 3, sent: 1, skipped: 2, failed: 0, inDoubt: 0 });
    expect(recipientsOf(ses.sent())).toEqual(['ada@example.org', 'bob@example.org', 'cy@example.org']);
    expect((await ses.store()).emails).toHaveLength(3);
    expect((await ledger().entries(3)).map((e) => [e.email, e.status, e.attempts])).toEqual([
      ['ada@example.org', 'sent', 2],
      ['bob@example.org', 'sent', 1],
      ['cy@example.org', 'sent', 1],
    ]);
    expect(await ledger().unfinishedIssue()).toBeUndefined();
  });

  it('reports an inbox file over the size limit as a failed article, in the report and the WARN log line, and leaves it in the inbox', async () => {
    await dropInInbox('inbox/scan.txt', 'x'.repeat(6 * 1024 * 1024));

    const report = await invoke('run-oversized');

    const failure = {
      source: `s3://${BUCKET}/inbox/scan.txt`,
      message: `s3://${BUCKET}/inbox/scan.txt: 6 MB is larger than the 5 MB limit for an article, so it was not read; it stays in the inbox (remove it or make it smaller)`,
    };
    expect(report).toMatchObject({ status: 'no-articles', articlesFailed: 1, failures: [failure], inboxProcessed: 0 });
    const summaryLine = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'digest run finished');
    expect(summaryLine).toMatchObject({ level: 'WARN', articlesFailed: 1, failures: [failure] });
    expect(await keys('inbox/')).toEqual(['inbox/scan.txt']);
    await s3c.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'inbox/scan.txt' }));
  });

  it('delivers every mail exactly once while SES throttles one call in five', async () => {
    await ses.clear();
    const subscribers = new DynamoSubscribers({ client: db, table: 'subscribers' });
    const at = '2026-11-01T00:00:00.000Z';
    const readers = Array.from({ length: 40 }, (_, i) => `reader${String(i).padStart(2, '0')}@example.org`);
    for (const email of readers) await subscribers.put({ email, state: 'confirmed', createdAt: at, updatedAt: at });
    await dropInInbox('inbox/dam.txt', 'Engineers finished the Elbe flood barrier near Dresden on Friday. Project chief Anna Vogel said it cost 35 million euros.');
    ses.throttleEvery(5);

    const report = await invoke('run-5');
    ses.throttleEvery(0);

    const everyone = ['ada@example.org', 'bob@example.org', 'cy@example.org', ...readers].sort();
    const calls = ses.requests.filter((r) => r.action === 'SendRawEmail');
    const throttled = calls.filter((r) => r.outcome === 'throttled').length;
    expect(throttled).toBeGreaterThanOrEqual(Math.floor(calls.length / 5));
    expect(report).toMatchObject({ status: 'published', issue: 4, sent: everyone.length, failed: 0, inDoubt: 0, throttled });
    expect(recipientsOf(ses.sent())).toEqual(everyone);
    expect((await ses.store()).emails).toHaveLength(everyone.length);
    expect(await ledger().unfinishedIssue()).toBeUndefined();
  }, 60_000);
});
