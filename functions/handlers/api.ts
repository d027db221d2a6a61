/**
 * The subscription API on Lambda: an API Gateway HTTP API event (payload v2) → the same HTTP core
 * `digest serve` uses → an API Gateway response. The adapters are built once per container.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AwsRuntime } from '../adapters/aws-runtime.ts';
import { logJson } from '../adapters/run-log.ts';
import { loadTemplates } from '../adapters/templates.ts';
import { ENV } from '../config.ts';
import { createSubscriptionApi, parseQuery, SUBSCRIBE_FLOOR_MS, type ApiDeps, type HttpRequest, type HttpResponse } from '../core/subscriptions/http.ts';
import { SUBSCRIBE_RATE_LIMIT, TokenBucketLimiter } from '../core/subscriptions/rate-limit.ts';

const HttpApiEvent = z.object({
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({ http: z.object({ method: z.string(), sourceIp: z.string() }) }),
});

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function toHttpRequest(input: unknown): HttpRequest | undefined {
  const parsed = HttpApiEvent.safeParse(input);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const headers = Object.fromEntries(Object.entries(event.headers).map(([name, value]) => [name.toLowerCase(), value]));
  // Behind CloudFront the TCP peer is an edge server; the viewer is in CloudFront-Viewer-Address ("ip:port").
  const viewer = headers['cloudfront-viewer-address']?.replace(/:\d+$/, '');
  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return { method: event.requestContext.http.method, path: event.rawPath, query: parseQuery(event.rawQueryString), headers, body, clientIp: viewer || event.requestContext.http.sourceIp };
}

const toResult = (response: HttpResponse): HttpApiResult => ({ statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false });

/** A handler over the given dependencies, made on the first invocation and reused while the container is warm. */
export function createApiHandler(dependencies: () => Promise<ApiDeps>): (event: unknown) => Promise<HttpApiResult> {
  let api: Promise<(request: HttpRequest) => Promise<HttpResponse>> | undefined;
  return async (event) => {
    api ??= dependencies().then(createSubscriptionApi).catch((error: unknown) => {
      api = undefined; // a failed cold start (secret not readable) is retried by the next request
      throw error;
    });
    const request = toHttpRequest(event);
    if (!request) return { statusCode: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Bad request\n', isBase64Encoded: false };
    return toResult(await (await api)(request));
  };
}

const runtime = new AwsRuntime();

/** Deployed: DynamoDB subscribers, SES, the key from Secrets Manager; made on the first request, kept while warm. */
export const handler = createApiHandler(async () => {
  runtime.requireBound([ENV.subscribersTable, ENV.tokenSecretArn, ENV.sesConfigurationSet]);
  const { config } = runtime;
  const [templates, tokenKey] = await Promise.all([loadTemplates(), runtime.tokenKey.get()]);
  return {
    subscribers: runtime.subscribers,
    mailer: runtime.newMailer(),
    clock: { now: () => new Date() },
    templates,
    tokenKey,
    site: { digestTitle: config.title, siteUrl: config.siteUrl },
    sender: config.sender,
    // Per warm container only: a speed bump for one client hammering the form; the API stage throttle is the quota.
    limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT),
    subscribeFloor: { ms: SUBSCRIBE_FLOOR_MS, elapsedMs: () => performance.now(), sleep: (ms) => sleep(ms) },
    onError: (error, request) =>
      logJson('ERROR', 'subscription request failed', { method: request.method, path: request.path, error: error instanceof Error ? error.message : String(error) }),
  };
});
