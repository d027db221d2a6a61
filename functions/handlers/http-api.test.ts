import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../adapters/local-store.ts';
import { loadTemplates } from '../adapters/templates.ts';
import type { ApiDeps } from '../core/subscriptions/http.ts';
import { SUBSCRIBE_RATE_LIMIT, TokenBucketLimiter } from '../core/subscriptions/rate-limit.ts';
import { signToken } from '../core/subscriptions/tokens.ts';
import { createApiHandler } from './http-api.ts';

const KEY = 'api-handler-test-key-0123456789abcdef';

/** An API Gateway HTTP API payload v2 event, shaped as API Gateway sends it. */
function httpApiEvent(method: string, rawPath: string, options: { rawQueryString?: string; headers?: Record<string, string>; body?: string; base64?: boolean } = {}) {
  const body = options.body;
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath,
    rawQueryString: options.rawQueryString ?? '',
    headers: { host: 'd111111abcdef8.cloudfront.net', 'user-agent': 'Mozilla/5.0', 'x-forwarded-proto': 'https', ...options.headers },
    ...(options.rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.rawQueryString)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'r3pmxmplak',
      domainName: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'r3pmxmplak',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '130.176.1.10', userAgent: 'Amazon CloudFront' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '28/Nov/2026:08:00:00 +0000',
      timeEpoch: 1795852800000,
    },
    ...(body === undefined ? {} : { body: options.base64 ? Buffer.from(body).toString('base64') : body }),
    isBase64Encoded: options.base64 ?? false,
  };
}

let dir: string;
let store: LocalStore;
let wirings: number;
let handler: ReturnType<typeof createApiHandler>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-handler-'));
  store = openLocalStore(dir);
  wirings = 0;
  const templates = await loadTemplates();
  handler = createApiHandler(async (): Promise<ApiDeps> => {
    wirings += 1;
    return {
      subscribers: store.subscribers,
      mailer: store.outbox,
      clock: { now: () => new Date('2026-11-28T08:00:00.000Z') },
      templates,
      tokenKey: KEY,
      site: { digestTitle: 'Morning Facts', siteUrl: 'https://news.example.org/' },
      sender: 'digest@news.example.org',
      limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT),
    };
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the API Gateway handler', () => {
  it('subscribes from a base64-encoded form body and wires its adapters once', async () => {
    for (const email of ['ada@example.com', 'bob@example.com']) {
      const result = await handler(httpApiEvent('POST', '/api/subscribe', { headers: FORM, body: `email=${encodeURIComponent(email)}&name=&website=`, base64: true }));
      expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'content-type': 'text/html; charset=utf-8' } });
      expect(result.body).toContain(email);
    }
    expect((await readdir(store.paths.outbox)).length).toBe(2);
    expect(wirings).toBe(1);
  });

  it('honours the RFC 8058 one-click POST with the token in the query string', async () => {
    await store.subscribers.put({ email: 'ada@example.com', state: 'confirmed', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });
    const token = signToken({ purpose: 'unsubscribe', email: 'ada@example.com' }, KEY);
    const result = await handler(httpApiEvent('POST', '/api/unsubscribe', { rawQueryString: `token=${encodeURIComponent(token)}`, headers: FORM, body: 'List-Unsubscribe=One-Click' }));
    expect(result.statusCode).toBe(200);
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('unsubscribed');
  });

  it('rate-limits by the viewer CloudFront reports, not by the edge server', async () => {
    const from = (viewer: string, i: number) =>
      handler(httpApiEvent('POST', '/api/subscribe', { headers: { ...FORM, 'cloudfront-viewer-address': viewer }, body: `email=r${i}%40example.com` }));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await from('198.51.100.10:46532', i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await from('2001:db8:85a3::8a2e:370:7334:443', 99)).statusCode).toBe(200);
  });

  it('answers an event that is not an HTTP API request with 400', async () => {
    expect((await handler({ Records: [] })).statusCode).toBe(400);
  });
});
