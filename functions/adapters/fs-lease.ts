import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunLease } from '../ports.ts';

interface LeaseRecord {
  owner: string;
  pid: number;
  at: string;
}

/**
 * One `digest run` at a time on a local store: `state/run.lock`, created with O_EXCL. A lock
 * whose process is gone (killed, crashed) is taken over; a live holder makes the caller wait its turn.
 */
export class FsRunLease implements RunLease {
  private readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, 'run.lock');
  }

  async acquire(owner: string, now: Date): Promise<boolean> {
    const record = JSON.stringify({ owner, pid: process.pid, at: now.toISOString() } satisfies LeaseRecord);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await writeFile(this.file, record, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await this.read();
      if (holder && isAlive(holder.pid)) return false;
      // The holder died: move its lock aside. Only one of several contenders' renames succeeds
      // for a given lock file; the others find it gone and race again on O_EXCL.
      const aside = `${this.file}.stale-${process.pid}`;
      try {
        await rename(this.file, aside);
        const moved = JSON.parse(await readFile(aside, 'utf8')) as LeaseRecord;
        if (isAlive(moved.pid)) {
          // Between our read and our rename a live run took the lock: give it back.
          await rename(aside, this.file);
          return false;
        }
        await unlink(aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return false;
  }

  async release(owner: string): Promise<void> {
    const holder = await this.read();
    if (holder?.owner === owner) await unlink(this.file).catch(() => {});
  }

  private async read(): Promise<LeaseRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as LeaseRecord;
    } catch {
      return undefined;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
