import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsSubscriberStore } from '../../adapters/fs-subscribers.ts';
import type { SubscriberStore } from '../../ports.ts';
import type { Subscriber } from '../model.ts';
import { changeAddress } from './change-address.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import { confirmSubscription, recordDeliveryProblem, unsubscribe } from './lifecycle.ts';
import { CONFIRM_TOKEN_TTL_MS, confirmWithToken } from './service.ts';
import { signToken } from './tokens.ts';

const EMAIL = 'ada@example.com';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 8, minute));
const pending: Subscriber = { email: EMAIL, state: 'pending', createdAt: at(0).toISOString(), updatedAt: at(0).toISOString(), confirmationSentAt: at(0).toISOString() };

let dir: string;
let store: FsSubscriberStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'change-address-'));
  store = new FsSubscriberStore(dir);
  await store.put(pending);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The store, with `interfere` run by another "request" right before each of the first `times` swaps. */
function racing(times: number, interfere: (n: number) => Promise<void>): SubscriberStore {
  let swaps = 0;
  return {
    get: (email) => store.get(email),
    put: (subscriber) => store.put(subscriber),
    remove: (email) => store.remove(email),
    list: () => store.list(),
    swap: async (email, expected, next) => {
      swaps += 1;
      if (swaps <= times) await interfere(swaps);
      return store.swap(email, expected, next);
    },
  };
}

describe('changeAddress', () => {
  it('never confirms an address a complaint suppressed while the reader was clicking', async () => {
    const complaint = async () => {
      const change = recordDeliveryProblem(await store.get(EMAIL), EMAIL, 'complaint', at(1));
      await store.put(change.subscriber!);
    };
    const { change } = await changeAddress(racing(1, complaint), EMAIL, (current) => confirmSubscription(current, at(2)));
    expect(change.outcome).toBe('not-pending');
    expect(await store.get(EMAIL)).toMatchObject({ state: 'suppressed', suppressedReason: 'complaint' });
  });

  it('keeps a confirmation link from undoing a suppression that came in meanwhile (the HTTP confirm)', async () => {
    const key = 'test-key-0123456789abcdef';
    const token = signToken({ purpose: 'confirm', email: EMAIL, expiresAt: Math.floor((at(0).getTime() + CONFIRM_TOKEN_TTL_MS) / 1000) }, key);
    const complaint = async () => {
      await store.put(recordDeliveryProblem(await store.get(EMAIL), EMAIL, 'complaint', at(1)).subscriber!);
    };
    const result = await confirmWithToken(token, {
      subscribers: racing(1, complaint),
      mailer: { send: () => Promise.reject(new Error('a confirm mails nobody')) },
      clock: { now: () => at(2) },
      templates: await loadTemplates(),
      tokenKey: key,
      site: { digestTitle: 'Digest', siteUrl: 'https://digest.example.org/' },
      sender: 'news@example.org',
    });
    expect(result).toMatchObject({ ok: true, outcome: 'not-pending' });
    expect((await store.get(EMAIL))?.state).toBe('suppressed');
  });

  it('decides again on the record another request stored first', async () => {
    const confirmedMeanwhile = async () => {
      await store.put({ ...pending, state: 'confirmed', updatedAt: at(1).toISOString() });
    };
    const seen: (string | undefined)[] = [];
    const { change } = await changeAddress(racing(1, confirmedMeanwhile), EMAIL, (current) => {
      seen.push(current?.state);
      return unsubscribe(current, at(2));
    });
    expect(seen).toEqual(['pending', 'confirmed']);
    expect(change.outcome).toBe('unsubscribed');
    expect(await store.get(EMAIL)).toMatchObject({ state: 'unsubscribed', updatedAt: at(2).toISOString() });
  });

  it('gives up, changing nothing, when the address keeps changing', async () => {
    const keepChanging = async (n: number) => {
      await store.put({ ...pending, updatedAt: at(10 + n).toISOString() });
    };
    await expect(changeAddress(racing(3, keepChanging), EMAIL, (current) => unsubscribe(current, at(30)))).rejects.toThrow(/kept changing/);
    expect(await store.get(EMAIL)).toMatchObject({ state: 'pending', updatedAt: at(13).toISOString() });
  });
});
