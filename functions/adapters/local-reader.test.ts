import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import type { Fetcher } from '../ports.ts';
import { LocalReader } from './local-reader.ts';

const noFetch: Fetcher = {
  get: async (url) => {
    throw new Error(`unexpected fetch of ${url}`);
  },
};
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalReader', () => {
  it('reads the article files of a folder, sorted, and ignores other files', async () => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'b.txt'), 'Bee.');
    await writeFile(join(dir, 'a.md'), 'Ay.');
    await writeFile(join(dir, 'sub', 'c.html'), '<p>See.</p>');
    await writeFile(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0, 0]));
    const documents = await new LocalReader(noFetch).read(dir);
    expect(documents.map((d) => d.location)).toEqual([join(dir, 'a.md'), join(dir, 'b.txt'), join(dir, 'sub', 'c.html')]);
  });

  it('names a missing file', async () => {
    await expect(new LocalReader(noFetch).read(join(dir, 'nope.txt'))).rejects.toThrow(`${join(dir, 'nope.txt')}: no such file or folder`);
  });

  it('refuses binary content and files over the size limit', async () => {
    await writeFile(join(dir, 'x.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await expect(new LocalReader(noFetch).read(join(dir, 'x.txt'))).rejects.toThrow(/binary data/);
    await writeFile(join(dir, 'huge.txt'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    await expect(new LocalReader(noFetch).read(join(dir, 'huge.txt'))).rejects.toThrow(InputError);
  });

  it('refuses URLs that are not http(s)', async () => {
    await expect(new LocalReader(noFetch).read('ftp://example.org/a.txt')).rejects.toThrow(/only http\(s\)/);
  });
});
