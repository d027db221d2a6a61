/**
 * What the fact engine costs a process: start-up (module load plus model load, over a bare `node`
 * start), speed on articles the process has not seen, and peak memory while extracting the facts of
 * many articles. Measured on an esbuild bundle, as the Lambda runs it, in fresh child processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { median } from '../bench/stats.ts';

export interface ProcessCost {
  /** Median wall time of the bundle's start-up minus that of `node -e ''`. */
  startupMs: number;
  /** The same in CPU time of the child, which other jobs on the machine do not inflate. */
  startupCpuMs: number;
  /** CPU time of module and model load alone, without extracting any article. */
  loadOnlyCpuMs: number;
  /** Peak resident memory of a process that extracts the facts of every article of `jsonlPath`, several times. */
  peakMb: number;
  /**
   * Words per CPU second of extractFacts on articles the process has never seen: each half of the
   * articles once, in a process warmed up on the other half (median over the processes). This is what a
   * long run over new articles gets: the code is compiled, but the tagger's caches have not seen the text.
   */
  heldOutWordsPerSecond: number;
  /** The same half again, in the same process: text seen before, caches warm (median of three passes and the processes). */
  seenWordsPerSecond: number;
}

/** Processes measuring the held-out speed, alternating which half of the articles is held out. */
const SPEED_PROCESSES = 6;

/**
 * Bundles a probe script with esbuild as the Lambda would run it (ESM, everything inside) and returns a
 * runner that times a fresh `node` on it, or on any other arguments, with the shipped tagger model found.
 */
export async function bundledProbe(root: string, contents: string, outfile: string): Promise<(args: string[]) => { ms: number; stdout: string }> {
  await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  const env = { ...process.env, NER_MODEL_PATH: join(root, 'functions/core/facts/ner/ner-model.bin') };
  return (args) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    return { ms: performance.now() - started, stdout: result.stdout };
  };
}

/** What `heldOutSpeed` measures: the speed and memory fields of `ProcessCost`. */
export type TextSpeed = Pick<ProcessCost, 'heldOutWordsPerSecond' | 'seenWordsPerSecond' | 'peakMb'>;

/** The probe every measurement here runs: bundled once, then run in fresh processes. */
async function factsProbe(root: string, outfile: string): Promise<(args: string[]) => { ms: number; stdout: string }> {
  return bundledProbe(
    root,
    `import { readFileSync } from 'node:fs';
import { extractFacts } from './functions/core/facts/index.ts';
import { defaultNer } from './functions/core/facts/ner-engine.ts';
defaultNer();
const file = process.argv[2];
if (file !== 'load-only') extractFacts({ source: 'warm', text: 'Ms Smith went to Paris on Monday to meet the mayor of the city.' }, { sentences: 3 });
if (file && file !== 'load-only') {
  const WARM_UP_PASSES = 8;
  // Warm up on one half of the articles until the compiled code settles (about 8 passes), then time the
  // other half: once unseen, then three times again.
  const heldOutHalf = Number(process.argv[3] ?? 0);
  const rows = readFileSync(file, 'utf8').split('\\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const warm = rows.filter((_, i) => i % 2 !== heldOutHalf);
  const held = rows.filter((_, i) => i % 2 === heldOutHalf);
  const words = held.reduce((n, r) => n + (r.article.match(/\\S+/g) ?? []).length, 0);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const pass = (articles) => {
    const started = cpu();
    for (const row of articles) extractFacts({ source: row.id, text: row.article }, { sentences: 3 });
    return words / ((cpu() - started) / 1000);
  };
  for (let r = 0; r < WARM_UP_PASSES; r++) pass(warm);
  const heldOut = pass(held);
  const seen = [pass(held), pass(held), pass(held)];
  console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS, heldOut, seen }));
} else {
  const u = process.cpuUsage();
  console.log((u.user + u.system) / 1000);
}`,
    outfile,
  );
}

/** Held-out and seen speed over the articles of `jsonlPath`, in `SPEED_PROCESSES` fresh processes. */
function speedOf(run: (args: string[]) => { stdout: string }, outfile: string, jsonlPath: string): TextSpeed {
  const speeds = Array.from({ length: SPEED_PROCESSES }, (_, p) => {
    const out = run([outfile, jsonlPath, String(p % 2)]).stdout.trim();
    return JSON.parse(out) as { maxRss: number; heldOut: number; seen: number[] };
  });
  return {
    peakMb: Math.max(...speeds.map((s) => s.maxRss)) / 1024,
    heldOutWordsPerSecond: median(speeds.map((s) => s.heldOut)),
    seenWordsPerSecond: median(speeds.flatMap((s) => s.seen)),
  };
}

/** The held-out and seen speed of `processCost` alone, over any JSON Lines file of `{ article }` rows. */
export async function heldOutSpeed(root: string, jsonlPath: string): Promise<TextSpeed> {
  const dir = mkdtempSync(join(tmpdir(), 'facts-speed-'));
  const outfile = join(dir, 'facts.mjs');
  try {
    return speedOf(await factsProbe(root, outfile), outfile, jsonlPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function processCost(root: string, jsonlPath: string): Promise<ProcessCost> {
  const dir = mkdtempSync(join(tmpdir(), 'facts-cost-'));
  const outfile = join(dir, 'facts.mjs');
  try {
    const run = await factsProbe(root, outfile);
    const bare: number[] = [];
    const loaded: number[] = [];
    const bareCpu: number[] = [];
    const loadedCpu: number[] = [];
    const loadOnlyCpu: number[] = [];
    for (let r = 0; r < 7; r++) {
      const b = run(['-e', 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000)']);
      const l = run([outfile]);
      bare.push(b.ms);
      loaded.push(l.ms);
      bareCpu.push(Number(b.stdout.trim()));
      loadedCpu.push(Number(l.stdout.trim()));
      loadOnlyCpu.push(Number(run([outfile, 'load-only']).stdout.trim()));
    }
    return {
      startupMs: median(loaded) - median(bare),
      startupCpuMs: median(loadedCpu) - median(bareCpu),
      loadOnlyCpuMs: median(loadOnlyCpu) - median(bareCpu),
      ...speedOf(run, outfile, jsonlPath),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
