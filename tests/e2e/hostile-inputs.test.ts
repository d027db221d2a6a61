import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFetcher } from '../../functions/adapters/http-fetcher.ts';
import { LocalReader } from '../../functions/adapters/local-reader.ts';
import type { Issue } from '../../functions/core/digest/issue.ts';
import { extractFacts } from '../../functions/core/facts/index.ts';
import { ingest } from '../../functions/core/ingest/ingest.ts';
import { hostileInputs } from '../support/hostile-inputs.ts';
import { runCli } from '../support/cli.ts';

/** A hang guard, not a performance figure: every input must be dealt with well within it. */
const BOUND_MS = 20_000;

let dir: string;
const paths = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-'));
  for (const input of hostileInputs()) {
    const path = join(dir, input.name);
    await writeFile(path, input.bytes);
    paths.set(input.name, path);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile inputs', () => {
  for (const input of hostileInputs()) {
    it(`${input.name}: a clear message naming the file, or clean facts, in bounded time`, async () => {
      const path = paths.get(input.name)!;
      const started = performance.now();
      const { articles, failures } = await ingest([path], { reader: new LocalReader(new HttpFetcher()), fetcher: new HttpFetcher() });
      const facts = articles.map((article) => extractFacts(article, { sentences: 4 }));
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      if (failures.length > 0) {
        expect(articles).toEqual([]);
        expect(failures).toHaveLength(1);
        expect(failures[0]?.message.startsWith(`${path}: `)).toBe(true);
        expect(failures[0]?.message).not.toMatch(/\n|\bat .+:\d+:\d+/);
        expect(failures[0]?.badInput).toBe(true);
      } else {
        expect(articles).toHaveLength(1);
        for (const f of facts) {
          expect(f.title.length).toBeLessThanOrEqual(120);
          expect(f.title).not.toMatch(/[\u0000-\u0008\u202a-\u202e\u200b]/);
          for (const s of f.sentences) expect(s).not.toMatch(/[\u0000-\u0008\u202a-\u202e\u200b]/);
        }
      }
    });
  }

  it('one digest run over all of them and a good article publishes the good one and names every file it skipped', async () => {
    const good = join(dir, 'good.txt');
    await writeFile(good, 'Mayor Lena Brandt of Elmford opened the new river bridge on Tuesday. The bridge cost 12 million euros.\n');
    const out = join(dir, 'store');
    const result = await runCli(['run', ...paths.values(), good, '--out', out], { timeoutMs: 120_000 });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const issue = JSON.parse(await readFile(join(out, 'archive', 'issues', '1', 'issue.json'), 'utf8')) as Issue;
    const published = new Set(issue.stories.map((s) => s.source));
    expect(published.has(good)).toBe(true);
    const skipped = [...result.stderr.matchAll(/^digest run: skipped (\S+): /gm)].map((m) => m[1]);
    for (const path of paths.values()) {
      expect(published.has(path) !== skipped.includes(path), `${path} is either published or skipped with a message`).toBe(true);
    }
    expect(skipped).toEqual(expect.arrayContaining([paths.get('binary.txt'), paths.get('deeply-nested.html'), paths.get('ten-mb-article.txt'), paths.get('empty.txt')]));
  }, 150_000);
});
