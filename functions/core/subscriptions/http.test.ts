import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../adapters/local-store.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import type { Templates } from '../digest/render.ts';
import type { Subscriber } from '../model.ts';
import { createSubscriptionApi, MAX_BODY_BYTES, type HttpRequest, type HttpResponse } from './http.ts';
import { SUBSCRIBE_RATE_LIMIT, TokenBucketLimiter } from './rate-limit.ts';
import { signToken } from './tokens.ts';

const SITE = { digestTitle: 'Morning Facts', siteUrl: 'https://news.example.org/' };
const KEY = 'test-key-0123456789abcdef';
const DAY = 24 * 60 * 60 * 1000;
const SCRIPT_NAME = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';

let templates: Templates;
let dir: string;
let store: LocalStore;
let now: Date;
let api: (request: HttpRequest) => Promise<HttpResponse>;
let errors: unknown[];

function makeApi(limiter = new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT)) {
  return createSubscriptionApi({
    subscribers: store.subscribers,
    mailer: store.outbox,
    clock: { now: () => now },
    templates,
    tokenKey: KEY,
    site: SITE,
    sender: 'digest@news.example.org',
    limiter,
    onError: (error) => errors.push(error),
  });
}

beforeEach(async () => {
  templates ??= await loadTemplates();
  dir = await mkdtemp(join(tmpdir(), 'subs-http-'));
  store = openLocalStore(dir);
  now = new Date('2026-11-28T08:00:00.000Z');
  errors = [];
  api = makeApi();
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

/** What a browser shows for an HTML attribute or text: mustache's entities decoded. */
const decodeEntities = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const request = (method: string, pathAndQuery: string, body = '', headers: Record<string, string> = {}, clientIp = '203.0.113.7'): HttpRequest => {
  const url = new URL(pathAndQuery, 'https://news.example.org');
  return { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, clientIp };
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const subscribeForm = (fields: Record<string, string>, clientIp?: string) =>
  api(request('POST', '/api/subscribe', new URLSearchParams(fields).toString(), FORM, clientIp));

async function outbox() {
  const files = (await readdir(store.paths.outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (file) => simpleParser(await readFile(join(store.paths.outbox, file)))));
}
/** The whole persisted state, to prove a request changed nothing. */
const stateSnapshot = () => readFile(join(store.paths.state, 'subscribers.json'), 'utf8').catch(() => '(none)');
const seed = async (state: Subscriber['state'], extra: Partial<Subscriber> = {}) =>
  store.subscribers.put({ email: 'ada@example.com', state, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', ...extra });
const confirmToken = (email = 'ada@example.com', expires = now.getTime() + 7 * DAY) => signToken({ purpose: 'confirm', email, expiresAt: Math.floor(expires / 1000) }, KEY);
const unsubscribeToken = (email = 'ada@example.com') => signToken({ purpose: 'unsubscribe', email }, KEY);

describe('POST /api/subscribe', () => {
  it('stores a pending subscriber and mails one confirmation link that works for 7 days', async () => {
    const response = await subscribeForm({ email: '  Ada@Example.COM ', name: 'Ada', website: '' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('ada@example.com');
    expect(await store.subscribers.get('ada@example.com')).toMatchObject({ state: 'pending', name: 'Ada', confirmationSentAt: now.toISOString() });
    const [mail, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(mail?.to).toMatchObject({ text: 'ada@example.com' });
    expect(mail?.subject).toBe('Confirm your subscription to Morning Facts');
    const link = /https:\/\/news\.example\.org\/api\/confirm\?token=[^\s"<]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(decodeEntities(String(mail?.html))).toContain(`href="${link}"`);
    const token = new URL(link!).searchParams.get('token')!;
    now = new Date(now.getTime() + 7 * DAY - 1000);
    expect((await api(request('GET', `/api/confirm?token=${encodeURIComponent(token)}`))).status).toBe(200);
    now = new Date(now.getTime() + 2000);
    const expired = await api(request('GET', `/api/confirm?token=${encodeURIComponent(token)}`));
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('This link has expired');
  });

  it('gives the same status, headers and page for a new, pending, confirmed, unsubscribed and suppressed address', async () => {
    const responses: HttpResponse[] = [];
    for (const setup of [
      async () => {},
      () => seed('pending', { confirmationSentAt: now.toISOString() }),
      () => seed('confirmed'),
      () => seed('unsubscribed'),
      () => seed('suppressed', { suppressedReason: 'complaint' }),
    ]) {
      await rm(dir, { recursive: true, force: true });
      await setup();
      responses.push(await subscribeForm({ email: 'ada@example.com', name: 'Ada' }));
    }
    expect(responses[0]?.status).toBe(200);
    for (const response of responses.slice(1)) expect(response).toEqual(responses[0]);
    // ... and as JSON
    const json = async () => (await api(request('POST', '/api/subscribe', JSON.stringify({ email: 'ada@example.com' }), { 'content-type': 'application/json' }))).body;
    const forSuppressed = await json();
    await rm(dir, { recursive: true, force: true });
    expect(await json()).toBe(forSuppressed);
  });

  it('sends no second confirmation within 24 hours, and a new one after', async () => {
    await subscribeForm({ email: 'ada@example.com' });
    now = new Date(now.getTime() + 23 * 60 * 60 * 1000);
    const second = await subscribeForm({ email: 'ADA@example.com' });
    expect(second.status).toBe(200);
    expect(await outbox()).toHaveLength(1);
    now = new Date(now.getTime() + 60 * 60 * 1000);
    await subscribeForm({ email: 'ada@example.com' });
    expect(await outbox()).toHaveLength(2);
  });

  it('sends one confirmation when the same address is submitted several times at once', async () => {
    const answers = await Promise.all(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'].map((ip) => subscribeForm({ email: 'ada@example.com' }, ip)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await outbox()).toHaveLength(1);
    expect(await store.subscribers.get('ada@example.com')).toMatchObject({ state: 'pending' });
  });

  it('mails nothing to confirmed or suppressed addresses and leaves them as they were', async () => {
    await seed('suppressed', { suppressedReason: 'complaint' });
    const before = await stateSnapshot();
    await subscribeForm({ email: 'ada@example.com', name: 'Someone else' });
    expect(await stateSnapshot()).toBe(before);
    expect(await outbox()).toEqual([]);
  });

  it('pads every subscribe answer to the same minimum time, whatever the address', async () => {
    let elapsed = 0;
    const sleeps: number[] = [];
    const padded = createSubscriptionApi({
      subscribers: store.subscribers, mailer: { send: async (mail) => ((elapsed += 250), store.outbox.send(mail)) }, clock: { now: () => now }, templates,
      tokenKey: KEY, site: SITE, sender: 'digest@news.example.org', limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT),
      subscribeFloor: { ms: 700, elapsedMs: () => elapsed, sleep: async (ms) => void sleeps.push(ms) },
    });
    const post = (email: string) => padded(request('POST', '/api/subscribe', `email=${encodeURIComponent(email)}`, FORM));
    await post('new@example.com'); // store write + a 250 ms send
    await seed('confirmed');
    await post('ada@example.com'); // one read, no send
    expect(sleeps).toEqual([450, 700]);
  });

  it('answers a filled-in honeypot exactly like a person, and does nothing', async () => {
    const bot = await subscribeForm({ email: 'ada@example.com', name: 'Ada', website: 'http://spam.example' });
    expect(await outbox()).toEqual([]);
    expect(await stateSnapshot()).toBe('(none)');
    const person = await subscribeForm({ email: 'ada@example.com', name: 'Ada', website: '' }, '198.51.100.1');
    expect(bot).toEqual(person);
  });

  it('refuses garbage addresses with a clear 400 and stores nothing', async () => {
    const garbage = ['', 'not-an-address', 'a@b', 'ada@example.com\r\nBcc: x@example.com', '<script>@example.com', 'x'.repeat(400)];
    for (const [i, email] of garbage.entries()) {
      const response = await subscribeForm({ email }, `192.0.2.${i}`);
      expect(response.status, email).toBe(400);
      expect(response.body).toContain('That does not look like an email address');
    }
    const json = await api(request('POST', '/api/subscribe', '{"name":"no address"}', { 'content-type': 'application/json' }));
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toEqual({ ok: false, error: 'That does not look like an email address. Go back and check it.' });
    expect(await stateSnapshot()).toBe('(none)');
    expect(await outbox()).toEqual([]);
  });

  it('stores the name without control or invisible formatting characters, at most 100 characters', async () => {
    await subscribeForm({ email: 'ada@example.com', name: ' Ada\u202E\u0007\r\n  Lovelace\u200B ' });
    expect((await store.subscribers.get('ada@example.com'))?.name).toBe('Ada Lovelace');
    await subscribeForm({ email: 'bob@example.com', name: 'b'.repeat(150) });
    expect((await store.subscribers.get('bob@example.com'))?.name).toHaveLength(100);
    await subscribeForm({ email: 'cy@example.com', name: '\u0000\u200B' });
    expect((await store.subscribers.get('cy@example.com'))?.name).toBeUndefined();
  });

  it('takes JSON as well as the form, and answers JSON', async () => {
    const response = await api(request('POST', '/api/subscribe', JSON.stringify({ email: 'ada@example.com', name: 'Ada' }), { 'content-type': 'application/json; charset=utf-8' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ok: true, message: 'Check your inbox: if ada@example.com can subscribe, a confirmation link is on its way.' });
    expect(await outbox()).toHaveLength(1);
  });

  it('refuses a body over 8 KB with 413 and stores nothing', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const response = await api(request('POST', '/api/subscribe', `email=ada%40example.com&name=${padding}`, FORM));
    expect(response.status).toBe(413);
    expect(await stateSnapshot()).toBe('(none)');
    const justUnder = await subscribeForm({ email: 'ada@example.com', name: 'y'.repeat(150) });
    expect(justUnder.status).toBe(200);
  });

  it('refuses other body types with 415', async () => {
    const response = await api(request('POST', '/api/subscribe', 'email=ada@example.com', { 'content-type': 'text/plain' }));
    expect(response.status).toBe(415);
  });

  it('rate-limits each client: 5 at once, then one a minute, others unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await subscribeForm({ email: `reader${i}@example.com` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await subscribeForm({ email: 'late@example.com' });
    expect(limited.headers['retry-after']).toBe('60');
    expect(await store.subscribers.get('late@example.com')).toBeUndefined();
    expect((await subscribeForm({ email: 'other@example.com' }, '198.51.100.9')).status).toBe(200);
    now = new Date(now.getTime() + 60_000);
    expect((await subscribeForm({ email: 'late@example.com' })).status).toBe(200);
    expect((await subscribeForm({ email: 'later@example.com' })).status).toBe(429);
    expect(await outbox()).toHaveLength(7);
  });

  it('keeps HTML and script in the name inert in the mail and on the pages', async () => {
    const done = await subscribeForm({ email: 'ada@example.com', name: SCRIPT_NAME });
    expect(done.body).not.toContain('<script>window');
    const [mail] = await outbox();
    expect(mail?.html).not.toMatch(/<script|<img/i);
    expect(mail?.html).toContain('Hello &lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;,');
    expect(decodeEntities(String(mail?.html))).toContain(`Hello ${SCRIPT_NAME},`);
    expect(mail?.text).toContain(`Hello ${SCRIPT_NAME},`); // plain text: shown as typed, never interpreted
    const token = new URL(/https:\S+/.exec(mail?.text ?? '')![0]).searchParams.get('token')!;
    const confirmed = await api(request('POST', '/api/confirm', `token=${encodeURIComponent(token)}`, FORM));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).not.toMatch(/<script|<img/i);
    expect(confirmed.body).toContain('Welcome, &lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(confirmed.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('GET and POST /api/confirm', () => {
  it('shows a Confirm button on GET and changes nothing', async () => {
    await seed('pending', { confirmationSentAt: now.toISOString() });
    const before = await stateSnapshot();
    const token = confirmToken();
    const page = await api(request('GET', `/api/confirm?token=${encodeURIComponent(token)}`));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="confirm">');
    expect(page.body).toContain(`name="token" value="${token}"`);
    expect((await api(request('HEAD', `/api/confirm?token=${encodeURIComponent(token)}`))).body).toBe('');
    expect(await stateSnapshot()).toBe(before);
  });

  it('confirms on POST, with the token from the form or the URL', async () => {
    await seed('pending');
    const response = await api(request('POST', '/api/confirm', `token=${encodeURIComponent(confirmToken())}`, FORM));
    expect(response.status).toBe(200);
    expect(response.body).toContain('You are subscribed');
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('confirmed');
    expect((await api(request('POST', `/api/confirm?token=${encodeURIComponent(confirmToken())}`))).status).toBe(200);
  });

  it('refuses forged, tampered, expired and wrong-purpose tokens on GET and POST, changing nothing', async () => {
    await seed('pending');
    const before = await stateSnapshot();
    const genuine = confirmToken();
    const [payload, signature] = genuine.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify(['confirm', 'ada@example.com', Math.floor(now.getTime() / 1000) + 10 * 365 * 86400])).toString('base64url');
    const tokens = {
      forged: signToken({ purpose: 'confirm', email: 'ada@example.com', expiresAt: Math.floor(now.getTime() / 1000) + 3600 }, 'someone-elses-key'),
      tampered: `${otherPayload}.${signature}`,
      flippedSignature: `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`,
      expired: confirmToken('ada@example.com', now.getTime() - 1000),
      wrongPurpose: unsubscribeToken(),
      garbage: 'not-a-token',
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const get = await api(request('GET', `/api/confirm?token=${encodeURIComponent(token)}`));
      const post = await api(request('POST', '/api/confirm', `token=${encodeURIComponent(token)}`, FORM));
      expect([get.status, post.status], kind).toEqual([400, 400]);
      expect(post.body, kind).toContain(kind === 'expired' ? 'This link has expired' : 'This link does not work');
    }
    expect((await api(request('POST', '/api/confirm', '', FORM))).status).toBe(400);
    expect(await stateSnapshot()).toBe(before);
  });

  it('does not let an old confirmation link undo an unsubscribe', async () => {
    await seed('unsubscribed');
    const response = await api(request('POST', '/api/confirm', `token=${encodeURIComponent(confirmToken())}`, FORM));
    expect(response.status).toBe(400);
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('unsubscribed');
  });
});

describe('GET and POST /api/unsubscribe', () => {
  it('shows a button on GET and changes nothing', async () => {
    await seed('confirmed');
    const before = await stateSnapshot();
    const page = await api(request('GET', `/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken())}`));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="unsubscribe">');
    expect(await stateSnapshot()).toBe(before);
  });

  it('unsubscribes on the button POST', async () => {
    await seed('confirmed');
    const response = await api(request('POST', '/api/unsubscribe', `token=${encodeURIComponent(unsubscribeToken())}`, FORM));
    expect(response.status).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('unsubscribed');
  });

  it('honours the RFC 8058 one-click POST, form-encoded and multipart, at once', async () => {
    await seed('confirmed');
    const url = `/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken())}`;
    const oneClick = await api(request('POST', url, 'List-Unsubscribe=One-Click', FORM));
    expect(oneClick.status).toBe(200);
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('unsubscribed');
    await seed('confirmed');
    const multipart = '--foo\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--foo--\r\n';
    const response = await api(request('POST', url, multipart, { 'content-type': 'multipart/form-data; boundary=foo' }));
    expect(response.status).toBe(200);
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('unsubscribed');
  });

  it('never expires an unsubscribe link', async () => {
    await seed('confirmed');
    const token = unsubscribeToken();
    now = new Date(now.getTime() + 5 * 365 * DAY);
    expect((await api(request('POST', `/api/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click', FORM))).status).toBe(200);
  });

  it('refuses forged, tampered and wrong-purpose tokens, changing nothing', async () => {
    await seed('confirmed');
    const before = await stateSnapshot();
    const [, signature] = unsubscribeToken().split('.') as [string, string];
    const tokens = [
      signToken({ purpose: 'unsubscribe', email: 'ada@example.com' }, 'someone-elses-key'),
      `${Buffer.from(JSON.stringify(['unsubscribe', 'bob@example.com', 0])).toString('base64url')}.${signature}`,
      confirmToken(),
    ];
    for (const token of tokens) {
      expect((await api(request('GET', `/api/unsubscribe?token=${encodeURIComponent(token)}`))).status).toBe(400);
      expect((await api(request('POST', `/api/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click', FORM))).status).toBe(400);
    }
    expect(await stateSnapshot()).toBe(before);
  });

  it('keeps a suppressed address suppressed', async () => {
    await seed('suppressed', { suppressedReason: 'complaint' });
    expect((await api(request('POST', '/api/unsubscribe', `token=${encodeURIComponent(unsubscribeToken())}`, FORM))).status).toBe(200);
    expect((await store.subscribers.get('ada@example.com'))?.state).toBe('suppressed');
  });
});

describe('routing', () => {
  it('answers unknown paths with 404 and wrong methods with 405, with the security headers', async () => {
    const missing = await api(request('GET', '/api/nothing'));
    expect(missing.status).toBe(404);
    expect(missing.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
    const get = await api(request('GET', '/api/subscribe'));
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('serves under the path of the site URL', async () => {
    const prefixed = createSubscriptionApi({
      subscribers: store.subscribers, mailer: store.outbox, clock: { now: () => now }, templates, tokenKey: KEY,
      site: { ...SITE, siteUrl: 'https://example.org/digest/' }, sender: 'digest@example.org', limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT),
    });
    await seed('confirmed');
    expect((await prefixed(request('GET', `/digest/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken())}`))).status).toBe(200);
  });

  it('answers a failing store with a generic 500 and reports the error', async () => {
    const failing = createSubscriptionApi({
      subscribers: { ...store.subscribers, get: async () => { throw new Error('table is gone'); } } as never,
      mailer: store.outbox, clock: { now: () => now }, templates, tokenKey: KEY, site: SITE, sender: 'digest@example.org',
      limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT), onError: (error) => seen.push(error),
    });
    const seen: unknown[] = [];
    const response = await failing(request('POST', '/api/subscribe', 'email=ada%40example.com', FORM));
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('table is gone');
    expect(seen).toHaveLength(1);
  });
});
