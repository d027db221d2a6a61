import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerEntry } from '../core/model.ts';
import type { ClaimOutcome, SendLedger } from '../ports.ts';
import { readFileIfExists, readJsonFile, writeFileAtomic } from './atomic-file.ts';

interface IssueRecord {
  issue: number;
  status: 'delivering' | 'complete';
  at: string;
}

/**
 * The send ledger as one small file per (issue, subscriber) under `state/ledger/<issue>/`.
 * A claim creates its file with O_EXCL, the local equivalent of a conditional write: of two
 * processes claiming the same pair, exactly one succeeds. A retry of a failed send claims an
 * attempt marker the same way. Updates replace files atomically (temporary file, then rename).
 */
export class FsSendLedger implements SendLedger {
  constructor(private readonly stateDir: string) {}

  async claim(issue: number, email: string, at: string): Promise<ClaimOutcome> {
    const file = this.fileOf(issue, email);
    await mkdir(this.dirOf(issue), { recursive: true });
    if (await createExclusive(file, JSON.stringify({ issue, email, status: 'claimed', at, attempts: 1 } satisfies LedgerEntry))) return 'claimed';
    const entry = await readEntry(file);
    if (entry === null || entry.status === 'claimed') return 'in-doubt';
    if (entry.status === 'sent') return 'sent';
    const attempt = (entry.attempts ?? 1) + 1;
    if (!(await createExclusive(`${file}.attempt-${attempt}`, at))) return 'in-doubt';
    await writeFileAtomic(file, JSON.stringify({ issue, email, status: 'claimed', at, attempts: attempt } satisfies LedgerEntry));
    return 'claimed';
  }

  async markSent(issue: number, email: string, at: string, messageId: string): Promise<void> {
    await this.settle({ issue, email, status: 'sent', at, messageId });
  }

  async markFailed(issue: number, email: string, at: string, error: string): Promise<void> {
    await this.settle({ issue, email, status: 'failed', at, error });
  }

  async entries(issue: number): Promise<LedgerEntry[]> {
    const names = await listOrEmpty(this.dirOf(issue));
    const entries = await Promise.all(names.filter((n) => /^[0-9a-f]{32}\.json$/.test(n)).map((n) => readEntry(join(this.dirOf(issue), n))));
    return entries.filter((e): e is LedgerEntry => e !== null);
  }

  async beginIssue(issue: number, at: string): Promise<void> {
    await writeFileAtomic(join(this.dirOf(issue), 'issue.json'), JSON.stringify({ issue, status: 'delivering', at } satisfies IssueRecord));
  }

  async completeIssue(issue: number, at: string): Promise<void> {
    await writeFileAtomic(join(this.dirOf(issue), 'issue.json'), JSON.stringify({ issue, status: 'complete', at } satisfies IssueRecord));
  }

  async unfinishedIssue(): Promise<number | undefined> {
    const issues = (await listOrEmpty(join(this.stateDir, 'ledger'))).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => b - a);
    for (const issue of issues) {
      const record = await readJsonFile<IssueRecord | null>(join(this.dirOf(issue), 'issue.json'), null);
      if (record?.status === 'delivering') return issue;
    }
    return undefined;
  }

  private async settle(entry: LedgerEntry): Promise<void> {
    const file = this.fileOf(entry.issue, entry.email);
    const previous = await readEntry(file);
    await writeFileAtomic(file, JSON.stringify({ ...entry, attempts: previous?.attempts ?? 1 }));
  }

  private dirOf(issue: number): string {
    return join(this.stateDir, 'ledger', String(issue));
  }

  private fileOf(issue: number, email: string): string {
    const name = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return join(this.dirOf(issue), `${name}.json`);
  }
}

/**
 * A ledger entry. The claim file is created with O_EXCL and written in the same call, so a
 * process killed right then leaves it empty or cut short: that is still a claim, of unknown outcome.
 */
async function readEntry(file: string): Promise<LedgerEntry | null> {
  const text = await readFileIfExists(file);
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as LedgerEntry;
  } catch {
    return { issue: Number.NaN, email: '', status: 'claimed', at: '' };
  }
}

/** Creates a file only if it does not exist (O_EXCL); false when another process got there first. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
