import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsRunLease } from './fs-lease.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lease-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = new Date('2026-03-01T07:00:00Z');

describe('FsRunLease', () => {
  it('gives the lease to one holder at a time, and again after release', async () => {
    const a = new FsRunLease(dir);
    const b = new FsRunLease(dir);
    expect(await a.acquire('a', now)).toBe(true);
    expect(await b.acquire('b', now)).toBe(false);
    await b.release('b');
    expect(await b.acquire('b', now)).toBe(false);
    await a.release('a');
    expect(await b.acquire('b', now)).toBe(true);
  });

  it('takes over the lease of a process that died without releasing it', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid;
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(join(dir, 'run.lock'), JSON.stringify({ owner: 'killed-run', pid, at: now.toISOString() }));
    expect(await new FsRunLease(dir).acquire('next', now)).toBe(true);
  });

  it('lets only one of several concurrent contenders win', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => new FsRunLease(dir).acquire(`run-${i}`, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
