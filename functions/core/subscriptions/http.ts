/**
 * The subscription endpoints as one function from a framework-free request to a response, shared
 * exactly by the API Gateway handler (functions/handlers/api.ts) and `digest serve`.
 *
 *   POST /api/subscribe          form or JSON: email, name?, website (honeypot) → thank-you page (or JSON)
 *   GET  /api/confirm?token=     page with a Confirm button          POST /api/confirm      → subscribed
 *   GET  /api/unsubscribe?token= page with an Unsubscribe button     POST /api/unsubscribe  → unsubscribed
 *   POST /api/unsubscribe?token= with `List-Unsubscribe=One-Click` (RFC 8058): unsubscribes at once
 *
 * Only POST changes state. The subscribe response is the same whatever the address's state.
 */
import * as z from '../../zod.ts';
import { render, type TemplateName } from '../digest/render.ts';
import { normaliseAddress } from './address.ts';
import { confirmedView, confirmPageView, errorView, subscribeDoneView, unsubscribedView, unsubscribePageView, type ErrorPage } from './pages.ts';
import type { TokenBucketLimiter } from './rate-limit.ts';
import { checkConfirmToken, checkUnsubscribeToken, confirmWithToken, startSubscription, unsubscribeWithToken, type SubscriptionDeps } from './service.ts';

export interface HttpRequest {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** First value of each query parameter. */
  query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The body as text (UTF-8); edges pass at most MAX_BODY_BYTES + 1 bytes of it. */
  body: string;
  clientIp: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024;

export interface ApiDeps extends SubscriptionDeps {
  /** Per-client limit on /api/subscribe. */
  limiter: TokenBucketLimiter;
  /** Unexpected failures (store or mailer down); the client only sees a generic 500. */
  onError?: (error: unknown, request: HttpRequest) => void;
  /**
   * Every subscribe answer takes at least this long, so its timing does not tell a new address (store
   * write, mail sent) from a known one (one read). Edges pass a real timer; omitted, no padding.
   */
  subscribeFloor?: { ms: number; elapsedMs: () => number; sleep: (ms: number) => Promise<void> };
}

/** A floor well above a store write plus an SES send, short enough for a person pressing a button. */
export const SUBSCRIBE_FLOOR_MS = 700;

/** The query of a URL as `HttpRequest.query` wants it: first value wins. */
export function parseQuery(raw: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) if (!Object.hasOwn(query, key)) query[key] = value;
  return query;
}

const SECURITY_HEADERS: Record<string, string> = {
  // Pages carry tokens in their URL and forms: never cached, never sent on as a Referer, never framed.
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

const SubscribeBody = z.object({
  email: z.string().check(z.maxLength(320)),
  name: z.optional(z.string().check(z.maxLength(200))),
  /** Honeypot: hidden from people by the form, filled in by bots. */
  website: z.optional(z.string().check(z.maxLength(2000))),
});

const ERRORS = {
  notFound: { status: 404, heading: 'Not found', message: 'There is nothing at this address.' },
  tooLarge: { status: 413, heading: 'Request too large', message: 'The form sent more data than a subscription needs.' },
  unsupported: { status: 415, heading: 'Unsupported form', message: 'Send the form as a normal web form or as JSON.' },
  badForm: { status: 400, heading: 'Something is missing', message: 'The form was not filled in as expected. Go back and try again.' },
  badAddress: { status: 400, heading: 'Check the address', message: 'That does not look like an email address. Go back and check it.' },
  badLink: { status: 400, heading: 'This link does not work', message: 'The link is incomplete or was changed. Copy the whole link from the mail, or subscribe again.' },
  expiredLink: { status: 400, heading: 'This link has expired', message: 'Confirmation links work for 7 days. Subscribe again to get a new one.' },
  staleConfirm: { status: 400, heading: 'This link is no longer valid', message: 'This address was unsubscribed or removed since the mail was sent. Subscribe again to get a new link.' },
  failed: { status: 500, heading: 'Something went wrong', message: 'That did not work on our side. Please try again later.' },
} satisfies Record<string, ErrorPage>;

export function createSubscriptionApi(deps: ApiDeps): (request: HttpRequest) => Promise<HttpResponse> {
  const site = deps.site;
  const basePath = new URL(site.siteUrl).pathname; // "/" or "/digest/"

  const page = (name: TemplateName, view: object, status = 200, extra: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...extra },
    body: render(deps.templates, name, view),
  });
  const json = (status: number, data: object, extra: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify(data),
  });
  const fail = (error: ErrorPage, asJson = false, extra: Record<string, string> = {}): HttpResponse =>
    asJson ? json(error.status, { ok: false, error: error.message }, extra) : page('error.html', errorView(site, error), error.status, extra);
  const notAllowed = (allow: string) =>
    fail({ status: 405, heading: 'Method not allowed', message: 'This address only takes a form.' }, false, { allow });

  async function subscribe(request: HttpRequest): Promise<HttpResponse> {
    const type = mediaType(request);
    const asJson = type === 'application/json' || (request.headers.accept ?? '').includes('application/json');
    const decision = deps.limiter.take(request.clientIp, deps.clock.now());
    if (!decision.allowed) {
      const message = 'Too many requests from your network. Please wait a minute and try again.';
      return fail({ status: 429, heading: 'Slow down', message }, asJson, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    const fields = readFields(type, request.body);
    if (fields === 'unsupported') return fail(ERRORS.unsupported, asJson);
    const parsed = SubscribeBody.safeParse(fields);
    if (!parsed.success) return fail(parsed.error.issues.some((i) => i.path[0] === 'email') ? ERRORS.badAddress : ERRORS.badForm, asJson);
    const email = normaliseAddress(parsed.data.email);
    if (!email) return fail(ERRORS.badAddress, asJson);
    // A filled-in honeypot gets the very same answer, so a bot learns nothing; it just never gets a mail.
    const floor = deps.subscribeFloor;
    const started = floor?.elapsedMs() ?? 0;
    if (!parsed.data.website?.trim()) await startSubscription(email, parsed.data.name, deps);
    if (floor) await floor.sleep(Math.max(0, floor.ms - (floor.elapsedMs() - started)));
    const message = `Check your inbox: if ${email} can subscribe, a confirmation link is on its way.`;
    return asJson ? json(200, { ok: true, message }) : page('subscribe-done.html', subscribeDoneView(site, email));
  }

  async function confirm(request: HttpRequest): Promise<HttpResponse> {
    const token = tokenOf(request);
    if (!token) return fail(ERRORS.badLink);
    if (request.method !== 'POST') {
      const check = checkConfirmToken(token, deps);
      if (!check.ok) return fail(check.reason === 'expired' ? ERRORS.expiredLink : ERRORS.badLink);
      return page('confirm.html', confirmPageView(site, check.claims.email, token));
    }
    const result = await confirmWithToken(token, deps);
    if (!result.ok) return fail(result.reason === 'expired' ? ERRORS.expiredLink : ERRORS.badLink);
    if (result.outcome === 'not-pending') return fail(ERRORS.staleConfirm);
    return page('confirmed.html', confirmedView(site, result.email, result.name));
  }

  async function unsubscribeRoute(request: HttpRequest): Promise<HttpResponse> {
    const token = tokenOf(request);
    if (!token) return fail(ERRORS.badLink);
    if (request.method !== 'POST') {
      const check = checkUnsubscribeToken(token, deps);
      if (!check.ok) return fail(ERRORS.badLink);
      return page('unsubscribe.html', unsubscribePageView(site, check.claims.email, token));
    }
    // The button's form and the RFC 8058 one-click POST (body "List-Unsubscribe=One-Click", token in the
    // URL) are both a POST with a valid token, and both unsubscribe at once.
    const result = await unsubscribeWithToken(token, deps);
    if (!result.ok) return fail(ERRORS.badLink);
    return page('unsubscribed.html', unsubscribedView(site, result.email));
  }

  const routes: Record<string, { methods: string[]; handle: (request: HttpRequest) => Promise<HttpResponse> }> = {
    '/api/subscribe': { methods: ['POST'], handle: subscribe },
    '/api/confirm': { methods: ['GET', 'HEAD', 'POST'], handle: confirm },
    '/api/unsubscribe': { methods: ['GET', 'HEAD', 'POST'], handle: unsubscribeRoute },
  };

  return async function handle(request: HttpRequest): Promise<HttpResponse> {
    const path = request.path.startsWith(basePath) ? `/${request.path.slice(basePath.length)}` : request.path;
    const route = routes[path];
    if (!route) return fail(ERRORS.notFound);
    const method = request.method.toUpperCase();
    if (!route.methods.includes(method)) return notAllowed(route.methods.join(', '));
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) return fail(ERRORS.tooLarge, mediaType(request) === 'application/json');
    try {
      const response = await route.handle({ ...request, method });
      return method === 'HEAD' ? { ...response, body: '' } : response;
    } catch (error) {
      deps.onError?.(error, request);
      return fail(ERRORS.failed);
    }
  };
}

function mediaType(request: HttpRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The fields of a form or JSON body; 'unsupported' for any other body. */
function readFields(type: string, body: string): Record<string, unknown> | 'unsupported' {
  if (type === 'application/x-www-form-urlencoded') return parseQuery(body);
  if (type === 'application/json') {
    try {
      const data: unknown = JSON.parse(body);
      return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return 'unsupported';
}

/**
 * The token of a confirm or unsubscribe request: from the query (links, RFC 8058 one-click) or from the
 * page's form field. A one-click body may be multipart (RFC 8058 prefers it); its token is in the URL.
 */
function tokenOf(request: HttpRequest): string | undefined {
  const fromForm = request.method === 'POST' && mediaType(request) === 'application/x-www-form-urlencoded' ? parseQuery(request.body).token : undefined;
  const token = fromForm ?? request.query.token;
  return token && token.length <= 2048 ? token : undefined;
}
