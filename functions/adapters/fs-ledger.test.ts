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
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records sent and failed states per pair and lists them', async () => {
    const ledger = new FsSendLedger(dir);
    expect(await ledger.claim(1, 'ana@example.org', 't1')).toBe(true);
    expect(await ledger.claim(1, 'bo@example.org', 't1')).toBe(true);
    await ledger.markSent(1, 'ana@example.org', 't2', 'msg-1');
    await ledger.markFailed(1, 'bo@example.org', 't2', 'mailbox full');
    const entries = (await ledger.entries(1)).sort((a, b) => a.email.localeCompare(b.email));
    expect(entries).toEqual([
      { issue: 1, email: 'ana@example.org', status: 'sent', at: 't2', messageId: 'msg-1' },
      { issue: 1, email: 'bo@example.org', status: 'failed', at: 't2', error: 'mailbox full' },
    ]);
    expect(await ledger.claim(1, 'ana@example.org', 't3')).toBe(false);
    expect(await ledger.entries(2)).toEqual([]);
  });
});
