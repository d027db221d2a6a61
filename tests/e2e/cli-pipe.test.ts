/**
 * `digest facts DIR | head`: a reader that closes the pipe early has had enough. The command stops
 * there, quietly, with exit code 0, as Unix tools do; it neither fails nor goes on reading.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliLikeHead } from '../support/cli.ts';

let dir: string;
let example: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-pipe-'));
  example = await readFile(join(PROJECT_ROOT, 'examples', 'sco-summit.txt'), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a command whose reader closes stdout early', () => {
  it('digest facts stops reading, says nothing and exits 0', async () => {
    const articles = join(dir, 'articles');
    await mkdir(articles);
    for (let i = 0; i < 8; i++) await writeFile(join(articles, `a${i}.txt`), `${example}\nEditor's note ${i}: this copy was filed separately.\n`);
    // Read last: had the command gone on after the reader left, it would name this file and exit 2.
    await writeFile(join(articles, 'z-empty.txt'), '');

    const result = await runCliLikeHead(['facts', articles]);

    expect(result.stdout).toContain('Key sentences:');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('digest ner stops tagging, says nothing and exits 0', async () => {
    const tokens = example.split(/\s+/).filter(Boolean);
    const document = ['-DOCSTART-', '', ...tokens.flatMap((t) => (t.endsWith('.') ? [t, ''] : [t])), ''];
    const input = `${Array.from({ length: 40 }, () => document.join('\n')).join('\n')}\n`;

    const result = await runCliLikeHead(['ner'], { input });

    expect(result.stdout).toMatch(/^-DOCSTART-\tO\n/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
