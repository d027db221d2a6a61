import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerEntry } from '../core/model.ts';
import type { SendLedger } from '../ports.ts';
import { readJsonFile, writeFileAtomic } from './atomic-file.ts';

/**
 * The send ledger as one small file per (issue, subscriber) under `state/ledger/<issue>/`.
 * A claim creates its file with O_EXCL, the local equivalent of a conditional write: of two
 * processes claiming the same pair, exactly one succeeds.
 */
export class FsSendLedger implements SendLedger {
  constructor(private readonly stateDir: string) {}

  async claim(issue: number, email: string, at: string): Promise<boolean> {
    const file = this.fileOf(issue, email);
    await mkdir(join(this.stateDir, 'ledger', String(issue)), { recursive: true });
    const entry: LedgerEntry = { issue, email, status: 'claimed', at };
    try {
      await writeFile(file, JSON.stringify(entry), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async markSent(issue: number, email: string, at: string, messageId: string): Promise<void> {
    await writeFileAtomic(this.fileOf(issue, email), JSON.stringify({ issue, email, status: 'sent', at, messageId } satisfies LedgerEntry));
  }

  async markFailed(issue: number, email: string, at: string, error: string): Promise<void> {
    await writeFileAtomic(this.fileOf(issue, email), JSON.stringify({ issue, email, status: 'failed', at, error } satisfies LedgerEntry));
  }

  async entries(issue: number): Promise<LedgerEntry[]> {
    const dir = join(this.stateDir, 'ledger', String(issue));
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => readJsonFile<LedgerEntry | null>(join(dir, n), null)),
    );
    return entries.filter((e): e is LedgerEntry => e !== null);
  }

  private fileOf(issue: number, email: string): string {
    const name = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return join(this.stateDir, 'ledger', String(issue), `${name}.json`);
  }
}
