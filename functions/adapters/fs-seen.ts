import { join } from 'node:path';
import type { SeenStore } from '../ports.ts';
import { readJsonFile, writeFileAtomic } from './atomic-file.ts';

/** The seen set as `state/seen.json`: article id → when it was digested. */
export class FsSeenStore implements SeenStore {
  private readonly file: string;

  constructor(stateDir: string, private readonly now: () => Date = () => new Date()) {
    this.file = join(stateDir, 'seen.json');
  }

  async filterUnseen(ids: string[]): Promise<string[]> {
    const seen = await readJsonFile<Record<string, string>>(this.file, {});
    return ids.filter((id) => !Object.hasOwn(seen, id));
  }

  async markSeen(ids: string[]): Promise<void> {
    const seen = await readJsonFile<Record<string, string>>(this.file, {});
    const at = this.now().toISOString();
    for (const id of ids) seen[id] ??= at;
    await writeFileAtomic(this.file, `${JSON.stringify(seen, null, 1)}\n`);
  }
}
