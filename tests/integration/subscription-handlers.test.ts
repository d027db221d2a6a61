/**
 * The deployed subscription handlers (api.ts, ses-feedback.ts) exactly as Lambda loads them, with the real
 * SDK against local DynamoDB (dynalite), SES (aws-ses-v2-local behind the recording proxy) and a Secrets
 * Manager endpoint: API Gateway v2 and SNS events in, DynamoDB items and SES raw MIME out.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSubscribers } from '../../functions/adapters/dynamo-subscribers.ts';
import { ENV } from '../../functions/config.ts';
import { signToken, verifyToken } from '../../functions/core/subscriptions/tokens.ts';
import { createTable, dynamoClient, startDynamo, startSecretsManager, startSes, type Running, type SesProxy } from './support/servers.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:token-key-AbCdEf';
const TOKEN_KEY = 't'.repeat(64);
const SITE = 'https://digest.example/';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let dynamo: Running;
let ses: SesProxy;
let secrets: Running & { reads: string[] };
let db: DynamoDBDocumentClient;
let subscribers: DynamoSubscribers;
let api: typeof import('../../functions/handlers/api.ts').handler;
let feedback: typeof import('../../functions/handlers/ses-feedback.ts').handler;
const savedEnv = { ...process.env };
const realStdout = process.stdout.write.bind(process.stdout);
const logLines: string[] = [];

/** An API Gateway HTTP API payload v2 event behind CloudFront. */
const httpEvent = (method: string, rawPath: string, options: { query?: string; body?: string; headers?: Record<string, string> } = {}) => ({
  version: '2.0',
  routeKey: 'ANY /api/{proxy+}',
  rawPath,
  rawQueryString: options.query ?? '',
  headers: { host: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com', 'cloudfront-viewer-address': '198.51.100.23:51234', ...options.headers },
  requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '130.176.1.10', userAgent: 'Amazon CloudFront' }, stage: '$default', requestId: 'req' },
  ...(options.body === undefined ? {} : { body: Buffer.from(options.body).toString('base64'), isBase64Encoded: true }),
});

const snsEvent = (message: object) => ({
  Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', MessageId: 'b0e3c3a1-0000-4000-8000-000000000001', Message: JSON.stringify(message) } }],
});

beforeAll(async () => {
  [dynamo, ses, secrets] = await Promise.all([startDynamo(), startSes(), startSecretsManager({ [SECRET_ARN]: TOKEN_KEY })]);
  db = dynamoClient(dynamo.endpoint);
  await createTable(db, 'subscribers', 'subscribers');
  subscribers = new DynamoSubscribers({ client: db, table: 'subscribers' });
  Object.assign(process.env, {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    [ENV.subscribersTable]: 'subscribers',
    [ENV.tokenSecretArn]: SECRET_ARN,
    [ENV.sesConfigurationSet]: 'digest-events',
    [ENV.config]: JSON.stringify({ title: 'Morning Brief', sender: 'brief@digest.example', siteUrl: SITE, sendRate: 50 }),
  });
  ({ handler: api } = await import('../../functions/handlers/api.ts'));
  ({ handler: feedback } = await import('../../functions/handlers/ses-feedback.ts'));
}, 60_000);

afterAll(async () => {
  process.stdout.write = realStdout;
  process.env = savedEnv;
  db?.destroy();
  await Promise.all([dynamo?.close(), ses?.close(), secrets?.close()]);
});

/** Runs a handler with its JSON log lines captured instead of printed. */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  process.stdout.write = ((chunk: string | Uint8Array) => (logLines.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    return await call();
  } finally {
    process.stdout.write = realStdout;
  }
}

describe('the subscription API on the real SDK', () => {
  let confirmUrl: URL;

  it('subscribes: a pending item in DynamoDB and one confirmation mail through SES with the configuration set', async () => {
    const result = await quietly(() => api(httpEvent('POST', '/api/subscribe', { headers: FORM, body: 'email=Reader%40Example.org&name=Reader&website=' })));
    expect(result.statusCode).toBe(200);
    expect(await subscribers.get('reader@example.org')).toMatchObject({ state: 'pending', name: 'Reader' });
    const sends = ses.requests.filter((r) => r.action === 'SendRawEmail');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.params.get('ConfigurationSetName')).toBe('digest-events');
    const mail = await simpleParser(ses.sent()[0]!);
    expect(mail.subject).toBe('Confirm your subscription to Morning Brief');
    confirmUrl = new URL(/https:\/\/digest\.example\/api\/confirm\?token=\S+/.exec(mail.text ?? '')![0]);
    expect(verifyToken(confirmUrl.searchParams.get('token')!, TOKEN_KEY, 'confirm', new Date())).toMatchObject({ ok: true, claims: { email: 'reader@example.org' } });
  });

  it('answers a second subscribe the same way and sends no second mail', async () => {
    const first = await quietly(() => api(httpEvent('POST', '/api/subscribe', { headers: FORM, body: 'email=reader%40example.org&name=Reader' })));
    expect(first.statusCode).toBe(200);
    expect(ses.sent()).toHaveLength(1);
  });

  it('confirms on POST only, with the key read once from Secrets Manager', async () => {
    const page = await quietly(() => api(httpEvent('GET', '/api/confirm', { query: confirmUrl.search.slice(1) })));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm subscription');
    expect((await subscribers.get('reader@example.org'))?.state).toBe('pending');
    const done = await quietly(() => api(httpEvent('POST', '/api/confirm', { headers: FORM, body: `token=${encodeURIComponent(confirmUrl.searchParams.get('token')!)}` })));
    expect(done.statusCode).toBe(200);
    expect((await subscribers.get('reader@example.org'))?.state).toBe('confirmed');
    expect(secrets.reads).toEqual([SECRET_ARN]);
  });

  it('unsubscribes at once on the RFC 8058 one-click POST', async () => {
    const token = signToken({ purpose: 'unsubscribe', email: 'reader@example.org' }, TOKEN_KEY);
    const result = await quietly(() => api(httpEvent('POST', '/api/unsubscribe', { query: `token=${encodeURIComponent(token)}`, headers: FORM, body: 'List-Unsubscribe=One-Click' })));
    expect(result.statusCode).toBe(200);
    expect((await subscribers.get('reader@example.org'))?.state).toBe('unsubscribed');
  });
});

describe('the SES feedback handler on the real SDK', () => {
  const at = '2026-11-01T00:00:00.000Z';
  const bounce = (bounceType: string, email: string, feedbackId = 'f1') => ({
    eventType: 'Bounce',
    bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, action: 'failed', status: '5.1.1' }], timestamp: at, feedbackId },
    mail: { timestamp: at, source: 'brief@digest.example', messageId: 'm1', destination: [email], tags: { 'ses:configuration-set': ['digest-events'] } },
  });

  it('suppresses on a complaint and keeps the count of transient bounces in DynamoDB, each bounce once', async () => {
    for (const email of ['ada@example.org', 'bob@example.org']) await subscribers.put({ email, state: 'confirmed', createdAt: at, updatedAt: at });
    await quietly(() =>
      feedback(snsEvent({ notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'ada@example.org' }], complaintFeedbackType: 'abuse', timestamp: at, feedbackId: 'f0' }, mail: { messageId: 'm0', destination: ['ada@example.org'] } })),
    );
    expect(await subscribers.get('ada@example.org')).toMatchObject({ state: 'suppressed', suppressedReason: 'complaint (abuse)' });
    for (let i = 1; i <= 2; i += 1) await quietly(() => feedback(snsEvent(bounce('Transient', 'bob@example.org', `t${i}`))));
    // SNS delivers at least once: the same notification again is not another bounce.
    await quietly(() => feedback(snsEvent(bounce('Transient', 'bob@example.org', 't2'))));
    expect(await subscribers.get('bob@example.org')).toMatchObject({ state: 'confirmed', transientBounces: 2, transientBounceIds: ['t1', 't2'] });
    await quietly(() => feedback(snsEvent(bounce('Transient', 'bob@example.org', 't3'))));
    expect(await subscribers.get('bob@example.org')).toMatchObject({ state: 'suppressed', transientBounces: 3 });
    expect(logLines.some((line) => line.includes('"SES feedback applied"'))).toBe(true);
  });
});
