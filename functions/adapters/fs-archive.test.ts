import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsArchive } from './fs-archive.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FsArchive', () => {
  it('stores and reads objects under their keys', async () => {
    const archive = new FsArchive(dir);
    await archive.put('issues/1/index.html', '<p>1</p>');
    expect(await readFile(join(dir, 'issues/1/index.html'), 'utf8')).toBe('<p>1</p>');
    expect(await archive.get('issues/1/index.html')).toBe('<p>1</p>');
    expect(await archive.get('issues/2/index.html')).toBeUndefined();
  });

  it('refuses keys that climb out of the archive', async () => {
    await expect(new FsArchive(dir).put('../escape.html', 'x')).rejects.toThrow(/outside the archive/);
  });
});
