/**
 * Never twice, never lost: `digest run` is killed with SIGKILL at random moments while it sends
 * to 300 subscribers, and rerun until it completes. Afterwards no subscriber has two copies of
 * the issue, and everyone without one was reported as "in doubt" by a run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../functions/core/seeded-random.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../support/cli.ts';

const SUBSCRIBERS = 300;
const KILLS = 10;
const BIN = join(PROJECT_ROOT, 'bin', 'digest.mjs');

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'digest-kill-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function setUpStore(name: string, subscribers: number): Promise<{ out: string; article: string }> {
  const out = join(work, name);
  const csv = join(work, `${name}.csv`);
  await writeFile(csv, ['email', ...Array.from({ length: subscribers }, (_, i) => `reader${i}@example.org`)].join('\n'));
  const added = await runCli(['subscribers', 'add', '--confirmed', csv, '--out', out]);
  expect(added.code).toBe(0);
  const article = join(work, `${name}.txt`);
  await writeFile(
    article,
    'The harbour authority of Elmford reopened the north pier on Monday after a two-year repair. ' +
      'Director Ana Ruiz said 40 ferries a day will use it again from June. The repair cost 8 million euros.\n',
  );
  return { out, article };
}

/** Recipient of each .eml in the outbox (preview aside). */
async function recipients(out: string): Promise<string[]> {
  const dir = join(out, 'outbox');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml') && n !== 'preview.eml');
  return Promise.all(
    names.map(async (name) => {
      const file = await open(join(dir, name));
      const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
      await file.close();
      return /^To: (.+)$/m.exec(buffer.subarray(0, bytesRead).toString())?.[1]?.trim() ?? `unparsed:${name}`;
    }),
  );
}

/**
 * Starts `digest run` and SIGKILLs it `kill.jitterMs` after its sending progress first reaches `kill.atSent`
 * (the progress comes every 25 recipients); resolves with what it printed. Tied to the progress rather than to a
 * clock, so the kills land mid-send however fast this machine renders and writes the mails.
 */
function runAndKill(
  out: string,
  article: string,
  kill: { atSent: number; jitterMs: number } | undefined,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', article, '--out', out, '--verbose'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (kill === undefined || armed) return;
      const sent = [...stderr.matchAll(/sending: (\d+)\/\d+/g)].map((m) => Number(m[1]));
      if (sent.some((n) => n >= kill.atSent)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), kill.jitterMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('sending survives being killed at any moment', () => {
  it(`delivers exactly once to each of ${SUBSCRIBERS} subscribers across ${KILLS} SIGKILLs, or reports the send as in doubt`, async () => {
    const { out, article } = await setUpStore('kill', SUBSCRIBERS);
    const next = seededRandom(20261128);
    const inDoubt = new Set<string>();
    let killedMidSend = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const before = (await recipients(out)).length;
      // Within the next 50 sends (a rerun first counts the recipients it skips), so the kills spread over the whole list.
      const atSent = before + 1 + Math.floor(next() * 50);
      const result = await runAndKill(out, article, { atSent, jitterMs: Math.floor(next() * 30) });
      for (const match of result.stderr.matchAll(/^ {2}(\S+@\S+)$/gm)) inDoubt.add(match[1]!);
      const after = (await recipients(out)).length;
      if (result.signal === 'SIGKILL' && after > before && after < SUBSCRIBERS) killedMidSend += 1;
      if (result.signal !== 'SIGKILL') break; // the run finished before the kill landed
    }
    const final = await runAndKill(out, article, undefined);
    expect(final.code).toBe(0);
    for (const match of final.stderr.matchAll(/^ {2}(\S+@\S+)$/gm)) inDoubt.add(match[1]!);

    const counts = new Map<string, number>();
    for (const to of await recipients(out)) counts.set(to, (counts.get(to) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const missing = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.org`).filter((a) => !counts.has(a));
    console.info(`kill test: ${killedMidSend} kills landed mid-send; ${counts.size} delivered, ${duplicates.length} duplicates, ${missing.length} missing, ${inDoubt.size} reported in doubt`);

    expect(killedMidSend).toBeGreaterThanOrEqual(3);
    expect(duplicates).toEqual([]);
    expect(missing.filter((a) => !inDoubt.has(a))).toEqual([]);
    expect([...counts.keys()].every((a) => /^reader\d+@example\.org$/.test(a))).toBe(true);
    expect(await readdir(join(out, 'archive', 'issues'))).toEqual(['1']);
  }, 240_000);

  it('two runs started at the same moment publish one issue and mail each subscriber once', async () => {
    const { out, article } = await setUpStore('twins', 40);
    const [a, b] = await Promise.all([runCli(['run', article, '--out', out]), runCli(['run', article, '--out', out])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outputs = [a.stdout, b.stdout].sort();
    expect(outputs.filter((o) => /^Issue 1 published/m.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /^(Another digest run is using|Nothing new)/.test(o))).toHaveLength(1);
    const sent = await recipients(out);
    expect(sent).toHaveLength(40);
    expect(new Set(sent).size).toBe(40);
    expect(await readdir(join(out, 'archive', 'issues'))).toEqual(['1']);
  }, 60_000);
});
