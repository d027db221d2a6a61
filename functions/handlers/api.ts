/**
 * Placeholder for the subscription API (issue 5 replaces this file): the CDK app routes every `/api/*`
 * request here, and until subscribe / confirm / unsubscribe exist it answers 501, honestly.
 */
import { logJson } from '../adapters/run-log.ts';

interface HttpApiEvent {
  rawPath?: string;
  requestContext?: { http?: { method?: string } };
}

export async function handler(event: HttpApiEvent): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  logJson('INFO', 'subscription API not implemented yet', { method: event.requestContext?.http?.method, path: event.rawPath });
  return {
    statusCode: 501,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ error: 'not implemented yet' }),
  };
}
