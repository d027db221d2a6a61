import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes a file so readers see the old or the new content, never half of it: a temporary file, then rename. */
export async function writeFileAtomic(path: string, data: string | Buffer, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data, mode === undefined ? undefined : { mode });
  await rename(temporary, path);
}

/** The file's text, or undefined when it does not exist. */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads a JSON state file; a corrupt one is an error that names the file, never silently reset. */
export async function readJsonFile<T>(path: string, fallback: T): Promise<T> {
  const text = await readFileIfExists(path);
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${path}: corrupt state file (${(error as Error).message})`, { cause: error });
  }
}
