import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSwap } from '../../tests/support/subscriber-store-contract.ts';
import { FsSubscriberStore } from './fs-subscribers.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fs-subscribers-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const subscriber = (email: string) => ({ email, state: 'pending' as const, createdAt: '2026-11-28T08:00:00.000Z', updatedAt: '2026-11-28T08:00:00.000Z' });

describe('FsSubscriberStore', () => {
  it('keeps every change when requests write at the same time (digest serve)', async () => {
    const store = new FsSubscriberStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(subscriber(`reader${i}@example.com`))));
    await Promise.all([store.remove('reader0@example.com'), store.put(subscriber('late@example.com')), store.remove('reader1@example.com')]);
    const emails = (await store.list()).map((s) => s.email);
    expect(emails).toHaveLength(19);
    expect(emails).toContain('late@example.com');
    expect(emails).not.toContain('reader0@example.com');
  });

  it('changes an address only from the record that was read (compare-and-set)', async () => {
    await checkSwap(new FsSubscriberStore(dir), 'example.com');
  });

  it('goes on after a failed write', async () => {
    const store = new FsSubscriberStore(join(dir, 'state'));
    await store.put(subscriber('ada@example.com'));
    await rm(join(dir, 'state'), { recursive: true });
    await writeFile(join(dir, 'state'), 'a file where the state folder should be: every write fails');
    await expect(store.put(subscriber('bob@example.com'))).rejects.toThrow();
    await rm(join(dir, 'state'), { force: true });
    await store.put(subscriber('cy@example.com'));
    expect((await store.list()).map((s) => s.email)).toEqual(['cy@example.com']);
  });
});

