/**
 * The `digest` launcher (bin/digest.mjs) runs the CLI from an esbuild bundle of functions/, rebuilt
 * whenever a source is newer, and through tsx should the bundle fail to build. Checked on a copy of
 * the project, so editing its sources disturbs no other test.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/cli.ts';

let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'digest-bundle-'));
  for (const part of ['bin', 'functions', 'templates', 'examples', 'package.json']) await cp(join(PROJECT_ROOT, part), join(copy, part), { recursive: true });
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

/** The copy's own launcher, in an environment that names no model, so it must find the copy's. */
function digest(...args: string[]) {
  const { NER_MODEL_PATH: _, ...env } = process.env;
  return spawnSync(process.execPath, [join(copy, 'bin', 'digest.mjs'), ...args], { encoding: 'utf8', cwd: copy, env });
}

/** Edits a source of the copy and dates it a few seconds ahead, past the bundle however coarse the clock. */
async function edit(path: string, from: string, to: string): Promise<void> {
  const file = join(copy, path);
  await writeFile(file, (await readFile(file, 'utf8')).replace(from, to));
  const later = new Date(Date.now() + 5_000);
  await utimes(file, later, later);
}

describe('the digest launcher', () => {
  it('builds the bundle on first use and runs every command from it, the tagger included', () => {
    const help = digest('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^digest: a self-hosted news digest/);
    expect(existsSync(join(copy, 'dist', 'cli', 'digest.mjs'))).toBe(true);

    const facts = digest('facts', join(copy, 'examples', 'sco-summit.txt'), '--json');
    expect(facts.status).toBe(0);
    expect(JSON.parse(facts.stdout).people.map((p: { name: string }) => p.name)).toContain('Kassym-Jomart Tokayev');
  }, 60_000);

  it('rebuilds the bundle when a source changes', async () => {
    await edit('functions/cli/main.ts', 'a self-hosted news digest', 'an edited news digest');
    expect(digest('--help').stdout).toMatch(/^digest: an edited news digest/);
    expect(await readFile(join(copy, 'dist', 'cli', 'digest.mjs'), 'utf8')).toContain('an edited news digest');
  }, 60_000);

  it('runs the sources through tsx when the bundle cannot be built', async () => {
    await rm(join(copy, 'dist'), { recursive: true, force: true });
    await writeFile(join(copy, 'dist'), 'a file where the bundle folder should be');
    await edit('functions/cli/main.ts', 'an edited news digest', 'a news digest run by tsx');
    const help = digest('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^digest: a news digest run by tsx/);
  }, 60_000);
});
