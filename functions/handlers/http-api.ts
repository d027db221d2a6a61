/**
 * API Gateway HTTP API (payload v2) ↔ the framework-free request and response of the subscription core:
 * the event validated and mapped, the answer mapped back. api.ts wires the AWS adapters to it.
 */
import * as z from '../zod.ts';
import { createSubscriptionApi, parseQuery, type ApiDeps, type HttpRequest, type HttpResponse } from '../core/subscriptions/http.ts';

const HttpApiEvent = z.object({
  rawPath: z.string(),
  rawQueryString: z._default(z.string(), ''),
  headers: z._default(z.record(z.string(), z.string()), {}),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
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
