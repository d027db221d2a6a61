/**
 * The state changes of one subscriber, as pure functions: each takes the stored record (or none) and
 * the time, and says what to store and whether a confirmation mail goes out. Callers persist the result.
 *
 *   (none) ──subscribe──► pending ──confirm──► confirmed ──unsubscribe──► unsubscribed
 *                            ▲                                                │
 *                            └────────────────────subscribe───────────────────┘
 *   any ──complaint / permanent bounce / 3rd transient bounce──► suppressed (stays; only a deliberate removal undoes it)
 */
import type { Subscriber } from '../model.ts';

/** At most one confirmation mail per address in this window. */
export const CONFIRMATION_RESEND_MS = 24 * 60 * 60 * 1000;
/** Transient bounces that suppress an address. */
export const TRANSIENT_BOUNCE_LIMIT = 3;

export type SubscribeOutcome =
  | 'created'
  | 'resent'
  | 'resubscribed'
  /** A confirmation mail already went out within 24 h. */
  | 'recently-sent'
  | 'already-confirmed'
  | 'suppressed';

export interface Change<Outcome extends string> {
  outcome: Outcome;
  /** The record to store; absent when nothing changes. */
  subscriber?: Subscriber;
}

/** A subscribe request. Only `created`, `resent` and `resubscribed` send a confirmation mail. */
export function requestSubscription(
  existing: Subscriber | undefined,
  email: string,
  now: Date,
  name?: string,
): Change<SubscribeOutcome> & { sendConfirmation: boolean } {
  const at = now.toISOString();
  const withName = name ? { name } : {};
  if (!existing) {
    return {
      outcome: 'created',
      sendConfirmation: true,
      subscriber: { email, ...withName, state: 'pending', createdAt: at, updatedAt: at, confirmationSentAt: at },
    };
  }
  if (existing.state === 'suppressed') return { outcome: 'suppressed', sendConfirmation: false };
  if (existing.state === 'confirmed') return { outcome: 'already-confirmed', sendConfirmation: false };
  if (sentRecently(existing, now)) return { outcome: 'recently-sent', sendConfirmation: false };
  return {
    outcome: existing.state === 'unsubscribed' ? 'resubscribed' : 'resent',
    sendConfirmation: true,
    subscriber: { ...existing, ...withName, state: 'pending', updatedAt: at, confirmationSentAt: at },
  };
}

function sentRecently(subscriber: Subscriber, now: Date): boolean {
  if (!subscriber.confirmationSentAt) return false;
  const sent = Date.parse(subscriber.confirmationSentAt);
  return Number.isFinite(sent) && now.getTime() - sent < CONFIRMATION_RESEND_MS;
}

export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'not-pending';

/**
 * A confirmation with a valid token. Only a pending subscriber is confirmed: an address that
 * unsubscribed, was suppressed or was removed since the mail went out stays as it is.
 */
export function confirmSubscription(existing: Subscriber | undefined, now: Date): Change<ConfirmOutcome> {
  if (existing?.state === 'confirmed') return { outcome: 'already-confirmed' };
  if (existing?.state !== 'pending') return { outcome: 'not-pending' };
  const { confirmationSentAt: _sent, ...rest } = existing;
  return { outcome: 'confirmed', subscriber: { ...rest, state: 'confirmed', updatedAt: now.toISOString() } };
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'unknown';

/** An unsubscribe with a valid token. A suppressed address stays suppressed (it must never be mailed again). */
export function unsubscribe(existing: Subscriber | undefined, now: Date): Change<UnsubscribeOutcome> {
  if (!existing) return { outcome: 'unknown' };
  if (existing.state === 'unsubscribed' || existing.state === 'suppressed') return { outcome: 'already-unsubscribed' };
  return { outcome: 'unsubscribed', subscriber: { ...existing, state: 'unsubscribed', updatedAt: now.toISOString() } };
}

export type DeliveryProblem = 'complaint' | 'permanent-bounce' | 'transient-bounce';
export type SuppressOutcome = 'suppressed' | 'counted' | 'already-suppressed' | 'ignored' | 'duplicate';

/**
 * Feedback from the mail provider. A complaint or a permanent bounce suppresses at once, even an address
 * the store no longer holds (so it cannot be re-imported silently); the third transient bounce suppresses.
 * A transient bounce with an id already counted (a notification delivered twice) changes nothing.
 */
export function recordDeliveryProblem(
  existing: Subscriber | undefined,
  email: string,
  problem: DeliveryProblem,
  now: Date,
  detail?: string,
  feedbackId?: string,
): Change<SuppressOutcome> {
  const at = now.toISOString();
  if (existing?.state === 'suppressed') return { outcome: 'already-suppressed' };
  const describe = (reason: string) => (detail ? `${reason} (${detail})` : reason);
  if (problem === 'transient-bounce') {
    if (!existing) return { outcome: 'ignored' };
    if (feedbackId !== undefined && existing.transientBounceIds?.includes(feedbackId)) return { outcome: 'duplicate' };
    const bounces = (existing.transientBounces ?? 0) + 1;
    const counted = feedbackId === undefined ? {} : { transientBounceIds: [...(existing.transientBounceIds ?? []), feedbackId].slice(-TRANSIENT_BOUNCE_LIMIT) };
    if (bounces < TRANSIENT_BOUNCE_LIMIT) return { outcome: 'counted', subscriber: { ...existing, transientBounces: bounces, ...counted, updatedAt: at } };
    return {
      outcome: 'suppressed',
      subscriber: { ...existing, transientBounces: bounces, ...counted, state: 'suppressed', suppressedReason: describe(`${bounces} transient bounces`), updatedAt: at },
    };
  }
  const reason = describe(problem === 'complaint' ? 'complaint' : 'permanent bounce');
  const base: Subscriber = existing ?? { email, state: 'suppressed', createdAt: at, updatedAt: at };
  return { outcome: 'suppressed', subscriber: { ...base, state: 'suppressed', suppressedReason: reason, updatedAt: at } };
}
