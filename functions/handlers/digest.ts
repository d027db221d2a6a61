/** The scheduled digest run on Lambda: validate the event → wire the AWS adapters → run core → log the summary. */
import { randomUUID } from 'node:crypto';
import * as z from '../zod.ts';
import { newRun } from '../adapters/aws-digest-run.ts';
import { AwsRuntime } from '../adapters/aws-runtime.ts';
import { LEASE_AFTER_DEADLINE_MS } from '../adapters/dynamo-lease.ts';
import { emitMetrics, logJson } from '../adapters/run-log.ts';
import { loadTemplates } from '../adapters/templates.ts';
import { BUCKET_LAYOUT, ENV } from '../config.ts';
import { runDigest } from '../core/digest/run.ts';
import { InputError } from '../core/errors.ts';
import { runReport, type RunReport } from './run-report.ts';

/** What the schedule sends; a manual invocation may also name its own sources. */
export const DigestEvent = z.strictObject({
  source: z.optional(z.string().check(z.maxLength(200))),
  scheduledAt: z.optional(z.iso.datetime({ offset: true })),
  sources: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(2048))).check(z.minLength(1), z.maxLength(100))),
});

// Built once per container: warm invocations reuse the clients, the templates and the token key.
const runtime = new AwsRuntime().requireBound([
  ENV.archiveBucket,
  ENV.subscribersTable,
  ENV.ledgerTable,
  ENV.seenTable,
  ENV.tokenSecretArn,
  ENV.sesConfigurationSet,
]);
const templates = loadTemplates();

/** What the handler reads of Lambda's context. */
export interface DigestContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

export async function handler(event: unknown, context?: DigestContext): Promise<RunReport> {
  const parsed = DigestEvent.safeParse(event ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`digest event: field "${issue?.path.join('.') || '(top level)'}": ${issue?.message ?? 'invalid'}`);
  }
  const { config } = runtime;
  const remaining = context?.getRemainingTimeInMillis?.();
  const leaseMs = remaining === undefined ? undefined : remaining + LEASE_AFTER_DEADLINE_MS;
  const run = await newRun(runtime, templates, (message) => logJson('INFO', message), leaseMs);
  const summary = await runDigest(
    {
      sources: parsed.data.sources ?? [...config.sources, BUCKET_LAYOUT.inbox],
      digestTitle: config.title,
      sender: config.sender,
      siteUrl: config.siteUrl,
      sentences: config.sentences,
      runId: `lambda:${context?.awsRequestId ?? randomUUID()}`,
    },
    run.deps,
  );
  const moved = await run.inbox.markProcessed(run.deps.clock.now());
  const report = runReport(summary, { throttled: run.mailer.throttled, inboxProcessed: moved.length });
  const troubled = report.failed + report.inDoubt + report.articlesFailed > 0 || report.status === 'busy';
  logJson(troubled ? 'WARN' : 'INFO', 'digest run finished', { ...report, scheduledAt: parsed.data.scheduledAt });
  const { articlesIn, articlesNew, facts, sent, skipped, failed, inDoubt, articlesFailed, throttled } = report;
  emitMetrics('NewsDigest', { articlesIn, articlesNew, facts, sent, skipped, failed, inDoubt, articlesFailed, throttled }, { Function: 'digest' });
  return report;
}
