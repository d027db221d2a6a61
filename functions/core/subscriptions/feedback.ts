/**
 * SES bounce and complaint notifications → suppression. Accepts both shapes SES publishes to SNS:
 * identity notifications (`notificationType`) and configuration-set events (`eventType`).
 * Other notification types (Delivery, Send, Open, ...) are ignored.
 */
import * as z from '../../zod.ts';
import type { Clock, SubscriberStore } from '../../ports.ts';
import { normaliseAddress } from './address.ts';
import { changeAddress } from './change-address.ts';
import { recordDeliveryProblem, type DeliveryProblem, type SuppressOutcome } from './lifecycle.ts';

const Recipient = z.looseObject({ emailAddress: z.string() });

const SesNotification = z.looseObject({
  notificationType: z.optional(z.string()),
  eventType: z.optional(z.string()),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(Recipient),
      feedbackId: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(
    z.looseObject({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.optional(z.string()),
    }),
  ),
});

export interface DeliveryFeedback {
  email: string;
  problem: DeliveryProblem;
  /** The provider's words for it: "General", "MailboxFull", "abuse", ... */
  detail?: string;
  /** The provider's id of the notification (SES feedbackId), the same when it is delivered again. */
  feedbackId?: string;
}

export class FeedbackParseError extends Error {
  override readonly name = 'FeedbackParseError';
}

/** The delivery problems one SES notification reports; [] for notification types that are not problems. */
export function parseSesNotification(message: string): DeliveryFeedback[] {
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch (error) {
    throw new FeedbackParseError('SES notification is not JSON', { cause: error });
  }
  const parsed = SesNotification.safeParse(data);
  if (!parsed.success) throw new FeedbackParseError(`not an SES notification: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const notification = parsed.data;
  const type = notification.notificationType ?? notification.eventType;
  if (type === 'Bounce') {
    if (!notification.bounce) throw new FeedbackParseError('Bounce notification without "bounce"');
    const { bounceType, bounceSubType, bouncedRecipients, feedbackId } = notification.bounce;
    // "Undetermined" is counted like a transient bounce: it suppresses only when it repeats.
    const problem: DeliveryProblem = bounceType === 'Permanent' ? 'permanent-bounce' : 'transient-bounce';
    return recipients(bouncedRecipients, problem, bounceSubType ? `${bounceType}/${bounceSubType}` : bounceType, feedbackId);
  }
  if (type === 'Complaint') {
    if (!notification.complaint) throw new FeedbackParseError('Complaint notification without "complaint"');
    const { complainedRecipients, complaintFeedbackType } = notification.complaint;
    return recipients(complainedRecipients, 'complaint', complaintFeedbackType);
  }
  return [];
}

function recipients(list: { emailAddress: string }[], problem: DeliveryProblem, detail?: string, feedbackId?: string): DeliveryFeedback[] {
  return list.flatMap(({ emailAddress }) => {
    // SES may report `Name <address>`; the store keys on the bare, normalised address.
    const bare = /<([^>]+)>/.exec(emailAddress)?.[1] ?? emailAddress;
    const email = normaliseAddress(bare);
    return email ? [{ email, problem, ...(detail ? { detail } : {}), ...(feedbackId ? { feedbackId } : {}) }] : [];
  });
}

export interface FeedbackReport {
  /** Per address, what happened. */
  results: { email: string; problem: DeliveryProblem; outcome: SuppressOutcome }[];
  /** Messages that were not SES notifications; skipped, because a retry cannot fix them. */
  rejected: string[];
}

/**
 * Applies SES notifications (the `Message` of each SNS record) to the subscriber store.
 * A store failure propagates, so the platform retries the event.
 */
export async function applySesFeedback(messages: readonly string[], deps: { subscribers: SubscriberStore; clock: Clock }): Promise<FeedbackReport> {
  const report: FeedbackReport = { results: [], rejected: [] };
  for (const message of messages) {
    let feedback: DeliveryFeedback[];
    try {
      feedback = parseSesNotification(message);
    } catch (error) {
      if (!(error instanceof FeedbackParseError)) throw error;
      report.rejected.push(error.message);
      continue;
    }
    for (const item of feedback) {
      const { change } = await changeAddress(deps.subscribers, item.email, (current) =>
        recordDeliveryProblem(current, item.email, item.problem, deps.clock.now(), item.detail, item.feedbackId),
      );
      report.results.push({ email: item.email, problem: item.problem, outcome: change.outcome });
    }
  }
  return report;
}
