/**
 * The subscription API on Lambda: an API Gateway HTTP API event (payload v2) → the same HTTP core
 * `digest serve` uses → an API Gateway response. The adapters are built once per container.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { newSesMailer } from '../adapters/aws-mail.ts';
import { AwsRuntime } from '../adapters/aws-runtime.ts';
import { logJson } from '../adapters/run-log.ts';
import { loadTemplates } from '../adapters/templates.ts';
import { ENV } from '../config.ts';
import { SUBSCRIBE_FLOOR_MS } from '../core/subscriptions/http.ts';
import { SUBSCRIBE_RATE_LIMIT, TokenBucketLimiter } from '../core/subscriptions/rate-limit.ts';
import { createApiHandler } from './http-api.ts';

const runtime = new AwsRuntime();

/** Deployed: DynamoDB subscribers, SES, the key from Secrets Manager; made on the first request, kept while warm. */
export const handler = createApiHandler(async () => {
  runtime.requireBound([ENV.subscribersTable, ENV.tokenSecretArn, ENV.sesConfigurationSet]);
  const { config } = runtime;
  const [templates, tokenKey] = await Promise.all([loadTemplates(), runtime.tokenKey.get()]);
  return {
    subscribers: runtime.subscribers,
    mailer: newSesMailer(runtime),
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
