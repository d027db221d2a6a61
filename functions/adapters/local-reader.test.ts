import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import type { Fetcher } from '../ports.ts';
import { describeReads, readAll } from '../../tests/support/read-all.ts';
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
  const reader = new LocalReader(noFetch);

  it('reads the article files of a folder, sorted, and ignores other files', async () => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'b.txt'), 'Bee.');
    await writeFile(join(dir, 'a.md'), 'Ay.');
    await writeFile(join(dir, 'sub', 'c.html'), '<p>See.</p>');
    await writeFile(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0, 0]));
    expect(describeReads(await readAll(reader, dir))).toEqual([
      [join(dir, 'a.md'), 'Ay.'],
      [join(dir, 'b.txt'), 'Bee.'],
      [join(dir, 'sub', 'c.html'), '<p>See.</p>'],
    ]);
  });

  it('takes a subfolder named like an article file for a folder, not for a file it cannot read', async () => {
    await mkdir(join(dir, '2024.md'));
    await writeFile(join(dir, '2024.md', 'b.txt'), 'Bee.');
    await writeFile(join(dir, 'a.txt'), 'Ay.');
    expect(describeReads(await readAll(reader, dir))).toEqual([
      [join(dir, '2024.md', 'b.txt'), 'Bee.'],
      [join(dir, 'a.txt'), 'Ay.'],
    ]);
  });

  it("reports a folder's binary, oversized and unreadable files in their place and still reads the others", async () => {
    await writeFile(join(dir, 'a.txt'), 'Ay.');
    await writeFile(join(dir, 'b.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
    await writeFile(join(dir, 'c.txt'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    await symlink(join(dir, 'gone.txt'), join(dir, 'd.txt')); // a link to a file that is not there
    await writeFile(join(dir, 'e.txt'), 'Ee.');
    const reads = await readAll(reader, dir);
    expect(describeReads(reads)).toEqual([
      [join(dir, 'a.txt'), 'Ay.'],
      [join(dir, 'b.txt'), `error: ${join(dir, 'b.txt')}: binary data, not an article (expected text, HTML or a feed)`],
      [join(dir, 'c.txt'), `error: ${join(dir, 'c.txt')}: 6 MB is larger than the 5 MB limit for an article`],
      [join(dir, 'd.txt'), `error: ${join(dir, 'd.txt')}: no such file or folder`],
      [join(dir, 'e.txt'), 'Ee.'],
    ]);
    for (const read of reads) if ('error' in read) expect(read.error).toBeInstanceOf(InputError);
  });

  it('reads a folder a few files at a time: at most two ahead of the one taken', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await writeFile(join(dir, `${name}.txt`), `${name} before.`);
    const reads = reader.read(dir)[Symbol.asyncIterator]();
    expect((await reads.next()).value).toEqual({ document: { location: join(dir, 'a.txt'), body: 'a before.' } });
    // b and c may be read already; d is not, until b is taken.
    await writeFile(join(dir, 'd.txt'), 'd after.');
    const rest: string[] = [];
    for (let r = await reads.next(); !r.done; r = await reads.next()) if ('document' in r.value) rest.push(r.value.document.body);
    expect(rest).toEqual(['b before.', 'c before.', 'd after.', 'e before.']);
  });

  it('names a missing file, and an empty folder', async () => {
    await expect(readAll(reader, join(dir, 'nope.txt'))).rejects.toThrow(`${join(dir, 'nope.txt')}: no such file or folder`);
    await expect(readAll(reader, dir)).rejects.toThrow(`${dir}: no article files`);
  });

  it('refuses a single binary file or one over the size limit as the location itself', async () => {
    await writeFile(join(dir, 'x.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await expect(readAll(reader, join(dir, 'x.txt'))).rejects.toThrow(/binary data/);
    await writeFile(join(dir, 'huge.txt'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    await expect(readAll(reader, join(dir, 'huge.txt'))).rejects.toThrow(InputError);
  });

  it('refuses URLs that are not http(s)', async () => {
    await expect(readAll(reader, 'ftp://example.org/a.txt')).rejects.toThrow(/only http\(s\)/);
  });
});
