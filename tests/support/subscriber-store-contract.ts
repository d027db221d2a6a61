/** What every SubscriberStore must do with `swap`, checked against each store (local file, DynamoDB). */
import { expect } from 'vitest';
import type { Subscriber } from '../../functions/core/model.ts';
import type { SubscriberStore } from '../../functions/ports.ts';

const record = (email: string, updatedAt: string, state: Subscriber['state'] = 'pending'): Subscriber => ({
  email,
  state,
  createdAt: '2026-11-28T08:00:00.000Z',
  updatedAt,
});

/** Runs the compare-and-set scenario on addresses under `domain`, so stores shared between tests stay apart. */
export async function checkSwap(store: SubscriberStore, domain: string): Promise<void> {
  const email = `ada@${domain}`;
  const first = record(email, '2026-11-28T08:00:00.000Z');
  const second = record(email, '2026-11-28T09:00:00.000Z', 'confirmed');

  // Creating: only while there is no record.
  expect(await store.swap(email, undefined, first)).toBe(true);
  expect(await store.swap(email, undefined, record(email, '2026-11-28T08:30:00.000Z'))).toBe(false);
  expect(await store.get(email)).toEqual(first);

  // Replacing: only from the record read; a stale read changes nothing.
  expect(await store.swap(email, first, second)).toBe(true);
  expect(await store.swap(email, first, record(email, '2026-11-28T10:00:00.000Z', 'suppressed'))).toBe(false);
  expect(await store.get(email)).toEqual(second);

  // Removing: the same rule.
  expect(await store.swap(email, first, undefined)).toBe(false);
  expect(await store.swap(email, second, undefined)).toBe(true);
  expect(await store.get(email)).toBeUndefined();
  expect(await store.swap(email, second, undefined)).toBe(false);

  // Of requests racing on one new address, exactly one wins.
  const racer = `bob@${domain}`;
  const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => store.swap(racer, undefined, record(racer, `2026-11-28T08:00:0${i}.000Z`))));
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  const winner = outcomes.indexOf(true);
  expect((await store.get(racer))?.updatedAt).toBe(`2026-11-28T08:00:0${winner}.000Z`);
}
