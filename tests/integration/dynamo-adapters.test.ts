import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLease } from '../../functions/adapters/dynamo-lease.ts';
import { DynamoLedger } from '../../functions/adapters/dynamo-ledger.ts';
import { DynamoSeen } from '../../functions/adapters/dynamo-seen.ts';
import { DynamoSubscribers } from '../../functions/adapters/dynamo-subscribers.ts';
import { checkSwap } from '../support/subscriber-store-contract.ts';
import { createTable, dynamoClient, startDynamo, type Running } from './support/servers.ts';

let dynamo: Running;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynamo();
  client = dynamoClient(dynamo.endpoint);
  await createTable(client, 'subscribers', 'subscribers');
  await createTable(client, 'ledger', 'ledger');
  await createTable(client, 'seen', 'seen');
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.close();
});

describe('DynamoSubscribers', () => {
  it('stores, lists in address order, updates and removes subscribers', async () => {
    const store = new DynamoSubscribers({ client, table: 'subscribers' });
    const at = '2026-11-28T07:00:00.000Z';
    await store.put({ email: 'zoe@example.org', state: 'pending', createdAt: at, updatedAt: at, confirmationSentAt: at });
    await store.put({ email: 'ada@example.org', name: 'Ada', state: 'confirmed', createdAt: at, updatedAt: at });

    expect((await store.list()).map((s) => s.email)).toEqual(['ada@example.org', 'zoe@example.org']);
    expect(await store.get('zoe@example.org')).toEqual({
      email: 'zoe@example.org', state: 'pending', createdAt: at, updatedAt: at, confirmationSentAt: at,
    });

    await store.put({ email: 'zoe@example.org', state: 'suppressed', createdAt: at, updatedAt: at, suppressedReason: 'complaint', transientBounces: 0 });
    expect(await store.get('zoe@example.org')).toEqual({
      email: 'zoe@example.org', state: 'suppressed', createdAt: at, updatedAt: at, suppressedReason: 'complaint', transientBounces: 0,
    });

    expect(await store.remove('zoe@example.org')).toBe(true);
    expect(await store.remove('zoe@example.org')).toBe(false);
    expect(await store.get('zoe@example.org')).toBeUndefined();
  });

  it('changes an address only from the record that was read, with a conditional write', async () => {
    await checkSwap(new DynamoSubscribers({ client, table: 'subscribers' }), 'swap.example.org');
  });
});

describe('DynamoLedger', () => {
  const at = '2026-11-28T07:00:00.000Z';

  it('lets exactly one of several concurrent claims on (issue, address) win; the rest are in doubt', async () => {
    const ledger = new DynamoLedger({ client, table: 'ledger' });

    const results = await Promise.all(Array.from({ length: 8 }, () => ledger.claim(7, 'ada@example.org', at)));

    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in-doubt')).toHaveLength(7);
    expect(await ledger.claim(7, 'bob@example.org', at)).toBe('claimed');
    expect(await ledger.claim(8, 'ada@example.org', at)).toBe('claimed');
  });

  it('skips what was sent, never resends an unconfirmed claim, and retries a failed send exactly once per run', async () => {
    const ledger = new DynamoLedger({ client, table: 'ledger' });
    for (const email of ['ada@example.org', 'bob@example.org', 'cy@example.org']) await ledger.claim(9, email, at);
    await ledger.markSent(9, 'ada@example.org', '2026-11-28T07:00:01.000Z', 'msg-1');
    await ledger.markFailed(9, 'bob@example.org', '2026-11-28T07:00:02.000Z', 'Throttling: gave up after 6 tries');

    expect(await ledger.claim(9, 'ada@example.org', '2026-11-29T07:00:00.000Z')).toBe('sent');
    expect(await ledger.claim(9, 'cy@example.org', '2026-11-29T07:00:00.000Z')).toBe('in-doubt');
    const retries = await Promise.all([1, 2, 3].map(() => ledger.claim(9, 'bob@example.org', '2026-11-29T07:00:00.000Z')));
    expect(retries.sort()).toEqual(['claimed', 'in-doubt', 'in-doubt']);

    await ledger.markSent(9, 'bob@example.org', '2026-11-29T07:00:01.000Z', 'msg-2');
    expect(await ledger.entries(9)).toEqual([
      { issue: 9, email: 'ada@example.org', status: 'sent', at: '2026-11-28T07:00:01.000Z', messageId: 'msg-1', attempts: 1 },
      { issue: 9, email: 'bob@example.org', status: 'sent', at: '2026-11-29T07:00:01.000Z', messageId: 'msg-2', attempts: 2 },
      { issue: 9, email: 'cy@example.org', status: 'claimed', at, attempts: 1 },
    ]);
    expect(await ledger.entries(10)).toEqual([]);
  });

  it('remembers the issue being delivered until it is completed', async () => {
    const ledger = new DynamoLedger({ client, table: 'ledger' });
    expect(await ledger.unfinishedIssue()).toBeUndefined();

    await ledger.beginIssue(11, at);
    expect(await ledger.unfinishedIssue()).toBe(11);
    await ledger.completeIssue(10, at);
    expect(await ledger.unfinishedIssue()).toBe(11);
    await ledger.completeIssue(11, at);
    expect(await ledger.unfinishedIssue()).toBeUndefined();
  });
});

describe('DynamoLease', () => {
  it('lets one run hold the lease, and another take it over only once it has expired', async () => {
    const lease = new DynamoLease({ client, table: 'ledger', ttlMs: 60_000 });
    const now = new Date('2026-11-28T07:00:00Z');

    const first = await Promise.all(['run-a', 'run-b', 'run-c'].map((owner) => lease.acquire(owner, now)));
    expect(first.filter(Boolean)).toHaveLength(1);
    const holder = ['run-a', 'run-b', 'run-c'][first.indexOf(true)] as string;

    expect(await lease.acquire('run-d', new Date(now.getTime() + 59_000))).toBe(false);
    expect(await lease.acquire('run-d', new Date(now.getTime() + 61_000))).toBe(true);
    await lease.release(holder);
    expect(await lease.acquire('run-e', new Date(now.getTime() + 62_000))).toBe(false);
    await lease.release('run-d');
    expect(await lease.acquire('run-e', new Date(now.getTime() + 62_000))).toBe(true);
    await lease.release('run-e');
  });
});

describe('DynamoSeen', () => {
  it('filters out ids marked seen, keeping the given order, across batch limits', async () => {
    const seen = new DynamoSeen({ client, table: 'seen', clock: { now: () => new Date('2026-11-28T07:00:00Z') } });
    const ids = Array.from({ length: 130 }, (_, i) => `https://news.example/${i}`);

    await seen.markSeen(ids.filter((_, i) => i % 2 === 0));
    const unseen = await seen.filterUnseen([...ids].reverse());

    expect(unseen).toEqual(ids.filter((_, i) => i % 2 === 1).reverse());
    expect(await seen.filterUnseen([])).toEqual([]);
  });
});
