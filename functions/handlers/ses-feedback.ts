/**
 * SES bounce and complaint events, delivered by SNS from the configuration set → suppression in the
 * subscriber store. A message that is not an SES notification is logged and skipped (a retry cannot fix
 * it); a store failure throws, so Lambda retries the event and, failing that, it reaches the DLQ.
 */
import * as z from '../zod.ts';
import { AwsRuntime } from '../adapters/aws-runtime.ts';
import { logJson } from '../adapters/run-log.ts';
import { ENV } from '../config.ts';
import { InputError } from '../core/errors.ts';
import { applySesFeedback, type FeedbackReport } from '../core/subscriptions/feedback.ts';
import type { Clock, SubscriberStore } from '../ports.ts';

const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ MessageId: z.optional(z.string()), Message: z.string() }) })).check(z.minLength(1)),
});

export interface FeedbackDeps {
  subscribers: SubscriberStore;
  clock: Clock;
}

export function createSesFeedbackHandler(dependencies: () => Promise<FeedbackDeps>): (event: unknown) => Promise<FeedbackReport> {
  let deps: Promise<FeedbackDeps> | undefined;
  return async (event) => {
    const parsed = SnsEvent.safeParse(event);
    if (!parsed.success) throw new InputError(`SNS event: ${parsed.error.issues[0]?.path.join('.') || '(top level)'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    deps ??= dependencies();
    const report = await applySesFeedback(
      parsed.data.Records.map((record) => record.Sns.Message),
      await deps,
    );
    const suppressed = report.results.filter((r) => r.outcome === 'suppressed').map((r) => ({ email: r.email, problem: r.problem }));
    logJson(report.rejected.length > 0 ? 'WARN' : 'INFO', 'SES feedback applied', { results: report.results.length, suppressed, rejected: report.rejected });
    return report;
  };
}

const runtime = new AwsRuntime();

/** Deployed: the DynamoDB subscriber table is all this function is bound to. */
export const handler = createSesFeedbackHandler(async () => ({
  subscribers: runtime.requireBound([ENV.subscribersTable]).subscribers,
  clock: { now: () => new Date() },
}));
