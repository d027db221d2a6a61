import { join, normalize, sep } from 'node:path';
import type { ArchiveStore } from '../ports.ts';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';

/** The archive as a folder, readable straight from disk (links between pages are relative). */
export class FsArchive implements ArchiveStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: string): Promise<void> {
    await writeFileAtomic(this.pathOf(key), body);
  }

  get(key: string): Promise<string | undefined> {
    return readFileIfExists(this.pathOf(key));
  }

  private pathOf(key: string): string {
    const relative = normalize(key);
    if (relative.startsWith('..') || relative.startsWith(sep)) throw new Error(`archive key outside the archive: ${key}`);
    return join(this.root, relative);
  }
}
