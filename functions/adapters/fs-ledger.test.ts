import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsSendLedger } from './fs-ledger.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FsSendLedger', () => {
  it('lets exactly one of many concurrent claims on the same pair win', async () => {
    const ledgers = Array.from({ length: 8 }, () => new FsSendLedger(dir));
    const results = await Promise.all(ledgers.map((ledger) => ledger.claim(3, 'ana@example.org', '2026-03-01T00:00:00Z')));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in-doubt')).toHaveLength(7);
  });

  it('records sent and failed states per pair and lists them', async () => {
    const ledger = new FsSendLedger(dir);
    expect(await ledger.claim(1, 'ana@example.org', 't1')).toBe('claimed');
    expect(await ledger.claim(1, 'bo@example.org', 't1')).toBe('claimed');
    await ledger.markSent(1, 'ana@example.org', 't2', 'msg-1');
    await ledger.markFailed(1, 'bo@example.org', 't2', 'mailbox full');
    const entries = (await ledger.entries(1)).sort((a, b) => a.email.localeCompare(b.email));
    expect(entries).toEqual([
      { issue: 1, email: 'ana@example.org', status: 'sent', at: 't2', messageId: 'msg-1', attempts: 1 },
      { issue: 1, email: 'bo@example.org', status: 'failed', at: 't2', error: 'mailbox full', attempts: 1 },
    ]);
    expect(await ledger.entries(2)).toEqual([]);
  });

  it('answers sent for a sent pair, in-doubt for an unconfirmed claim, and lets one caller retry a failure', async () => {
    const ledger = new FsSendLedger(dir);
    await ledger.claim(1, 'ana@example.org', 't1');
    await ledger.markSent(1, 'ana@example.org', 't2', 'm');
    await ledger.claim(1, 'cy@example.org', 't1');
    await ledger.claim(1, 'bo@example.org', 't1');
    await ledger.markFailed(1, 'bo@example.org', 't2', 'throttled');
    expect(await ledger.claim(1, 'ana@example.org', 't3')).toBe('sent');
    expect(await ledger.claim(1, 'cy@example.org', 't3')).toBe('in-doubt');
    const retries = await Promise.all([ledger.claim(1, 'bo@example.org', 't3'), new FsSendLedger(dir).claim(1, 'bo@example.org', 't3')]);
    expect(retries.sort()).toEqual(['claimed', 'in-doubt']);
    expect((await ledger.entries(1)).find((e) => e.email === 'bo@example.org')).toMatchObject({ status: 'claimed', attempts: 2 });
  });

  it('remembers which issue began delivery and did not complete', async () => {
    const ledger = new FsSendLedger(dir);
    expect(await ledger.unfinishedIssue()).toBeUndefined();
    await ledger.beginIssue(1, 't1');
    await ledger.completeIssue(1, 't2');
    await ledger.beginIssue(2, 't3');
    expect(await ledger.unfinishedIssue()).toBe(2);
    await ledger.completeIssue(2, 't4');
    expect(await ledger.unfinishedIssue()).toBeUndefined();
  });
});
