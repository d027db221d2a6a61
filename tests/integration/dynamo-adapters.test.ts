import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLedger } from '../../functions/adapters/dynamo-ledger.ts';
import { DynamoSeen } from '../../functions/adapters/dynamo-seen.ts';
import { DynamoSubscribers } from '../../functions/adapters/dynamo-subscribers.ts';
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
});

describe('DynamoLedger', () => {
  it('lets exactly one of several concurrent claims on (issue, address) win', async () => {
    const ledger = new DynamoLedger({ client, table: 'ledger' });

    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ledger.claim(7, 'ada@example.org', `2026-11-28T07:00:0${i}.000Z`)),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ledger.claim(7, 'bob@example.org', '2026-11-28T07:00:00.000Z')).toBe(true);
    expect(await ledger.claim(8, 'ada@example.org', '2026-11-28T07:00:00.000Z')).toBe(true);
  });

  it('keeps a claim once it is settled, so a retried run cannot claim it again', async () => {
    const ledger = new DynamoLedger({ client, table: 'ledger' });
    await ledger.claim(9, 'ada@example.org', '2026-11-28T07:00:00.000Z');
    await ledger.claim(9, 'bob@example.org', '2026-11-28T07:00:00.000Z');
    await ledger.claim(9, 'cy@example.org', '2026-11-28T07:00:00.000Z');

    await ledger.markSent(9, 'ada@example.org', '2026-11-28T07:00:01.000Z', 'msg-1');
    await ledger.markFailed(9, 'bob@example.org', '2026-11-28T07:00:02.000Z', 'MessageRejected: Address blacklisted.');

    expect(await ledger.claim(9, 'ada@example.org', '2026-11-28T08:00:00.000Z')).toBe(false);
    expect(await ledger.claim(9, 'bob@example.org', '2026-11-28T08:00:00.000Z')).toBe(false);
    expect(await ledger.claim(9, 'cy@example.org', '2026-11-28T08:00:00.000Z')).toBe(false);
    expect(await ledger.entries(9)).toEqual([
      { issue: 9, email: 'ada@example.org', status: 'sent', at: '2026-11-28T07:00:01.000Z', messageId: 'msg-1' },
      { issue: 9, email: 'bob@example.org', status: 'failed', at: '2026-11-28T07:00:02.000Z', error: 'MessageRejected: Address blacklisted.' },
      { issue: 9, email: 'cy@example.org', status: 'claimed', at: '2026-11-28T07:00:00.000Z' },
    ]);
    expect(await ledger.entries(10)).toEqual([]);
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
