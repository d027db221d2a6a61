import { describe, expect, it } from 'vitest';
import type { Subscriber } from '../model.ts';
import { importConfirmed } from './import.ts';
import { confirmSubscription, recordDeliveryProblem, requestSubscription, unsubscribe } from './lifecycle.ts';

const t0 = new Date('2026-11-28T08:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const HOUR = 60 * 60 * 1000;
const record = (state: Subscriber['state'], extra: Partial<Subscriber> = {}): Subscriber => ({
  email: 'ada@example.com',
  state,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...extra,
});

describe('requestSubscription', () => {
  it('makes a new address pending and sends a confirmation', () => {
    const change = requestSubscription(undefined, 'ada@example.com', t0, 'Ada');
    expect(change).toMatchObject({ outcome: 'created', sendConfirmation: true });
    expect(change.subscriber).toEqual({
      email: 'ada@example.com',
      name: 'Ada',
      state: 'pending',
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
      confirmationSentAt: t0.toISOString(),
    });
  });

  it('sends no second confirmation within 24 hours, and one after', () => {
    const pending = requestSubscription(undefined, 'ada@example.com', t0).subscriber!;
    expect(requestSubscription(pending, 'ada@example.com', later(23 * HOUR + 59 * 60 * 1000))).toEqual({ outcome: 'recently-sent', sendConfirmation: false });
    const again = requestSubscription(pending, 'ada@example.com', later(24 * HOUR));
    expect(again).toMatchObject({ outcome: 'resent', sendConfirmation: true, subscriber: { state: 'pending', confirmationSentAt: later(24 * HOUR).toISOString() } });
  });

  it('leaves confirmed and suppressed addresses alone and mails them nothing', () => {
    expect(requestSubscription(record('confirmed'), 'ada@example.com', t0)).toEqual({ outcome: 'already-confirmed', sendConfirmation: false });
    expect(requestSubscription(record('suppressed', { suppressedReason: 'complaint' }), 'ada@example.com', t0)).toEqual({ outcome: 'suppressed', sendConfirmation: false });
  });

  it('lets an unsubscribed reader come back through a new confirmation', () => {
    const change = requestSubscription(record('unsubscribed'), 'ada@example.com', t0);
    expect(change).toMatchObject({ outcome: 'resubscribed', sendConfirmation: true, subscriber: { state: 'pending', createdAt: '2026-11-01T00:00:00.000Z' } });
  });
});

describe('confirmSubscription', () => {
  it('confirms a pending subscriber', () => {
    const change = confirmSubscription(record('pending', { confirmationSentAt: t0.toISOString() }), later(HOUR));
    expect(change.outcome).toBe('confirmed');
    expect(change.subscriber).toEqual({ ...record('confirmed'), updatedAt: later(HOUR).toISOString() });
  });

  it('does not bring back an address that unsubscribed, was suppressed or removed since the mail', () => {
    for (const existing of [record('unsubscribed'), record('suppressed'), undefined]) {
      expect(confirmSubscription(existing, t0)).toEqual({ outcome: 'not-pending' });
    }
  });

  it('is idempotent for a confirmed subscriber', () => {
    expect(confirmSubscription(record('confirmed'), t0)).toEqual({ outcome: 'already-confirmed' });
  });
});

describe('unsubscribe', () => {
  it('unsubscribes confirmed and pending subscribers', () => {
    expect(unsubscribe(record('confirmed'), t0).subscriber?.state).toBe('unsubscribed');
    expect(unsubscribe(record('pending'), t0).subscriber?.state).toBe('unsubscribed');
  });

  it('keeps a suppressed address suppressed', () => {
    expect(unsubscribe(record('suppressed'), t0)).toEqual({ outcome: 'already-unsubscribed' });
  });
});

describe('recordDeliveryProblem', () => {
  it('suppresses at once on a complaint or a permanent bounce', () => {
    expect(recordDeliveryProblem(record('confirmed'), 'ada@example.com', 'complaint', t0, 'abuse').subscriber).toMatchObject({
      state: 'suppressed',
      suppressedReason: 'complaint (abuse)',
    });
    expect(recordDeliveryProblem(record('confirmed'), 'ada@example.com', 'permanent-bounce', t0).subscriber).toMatchObject({
      state: 'suppressed',
      suppressedReason: 'permanent bounce',
    });
  });

  it('suppresses on the third transient bounce, not before', () => {
    let subscriber: Subscriber = record('confirmed');
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const change = recordDeliveryProblem(subscriber, subscriber.email, 'transient-bounce', later(i * HOUR));
      outcomes.push(change.outcome);
      subscriber = change.subscriber ?? subscriber;
    }
    expect(outcomes).toEqual(['counted', 'counted', 'suppressed']);
    expect(subscriber).toMatchObject({ state: 'suppressed', transientBounces: 3, suppressedReason: '3 transient bounces' });
  });

  it('records a complaint about an address the store does not hold, so it cannot be imported later', () => {
    const change = recordDeliveryProblem(undefined, 'gone@example.com', 'complaint', t0);
    expect(change.subscriber).toMatchObject({ email: 'gone@example.com', state: 'suppressed' });
    expect(importConfirmed(change.subscriber, 'gone@example.com', later(HOUR))).toEqual({ outcome: 'refused-suppressed' });
  });

  it('ignores a transient bounce for an unknown address and never un-suppresses', () => {
    expect(recordDeliveryProblem(undefined, 'x@example.com', 'transient-bounce', t0)).toEqual({ outcome: 'ignored' });
    expect(recordDeliveryProblem(record('suppressed'), 'ada@example.com', 'transient-bounce', t0)).toEqual({ outcome: 'already-suppressed' });
  });
});
