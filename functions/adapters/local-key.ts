import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileIfExists } from './atomic-file.ts';

/** The token-signing key of a local store: made once, kept in `state/secret.key` (owner-only). */
export async function localTokenKey(stateDir: string): Promise<string> {
  const path = join(stateDir, 'secret.key');
  const existing = (await readFileIfExists(path))?.trim();
  if (existing) return existing;
  await mkdir(stateDir, { recursive: true });
  try {
    // O_EXCL: of two processes starting on a fresh store, one key wins and both use it.
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return ((await readFileIfExists(path)) ?? '').trim();
}
