/**
 * What the fact engine costs a process: start-up (module load plus model load, over a bare `node`
 * start) and peak memory while extracting the facts of many articles. Measured on an esbuild bundle,
 * as the Lambda runs it, in fresh child processes.
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
  /** Peak resident memory of a process that extracts the facts of every article of `jsonlPath`. */
  peakMb: number;
  /** Words per CPU second of extractFacts in that bundled process (three passes after a warm-up one). */
  bundledWordsPerSecond: number;
}

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

export async function processCost(root: string, jsonlPath: string): Promise<ProcessCost> {
  const dir = mkdtempSync(join(tmpdir(), 'facts-cost-'));
  const outfile = join(dir, 'facts.mjs');
  try {
    const run = await bundledProbe(
      root,
      `import { readFileSync } from 'node:fs';
import { extractFacts } from './functions/core/facts/index.ts';
import { defaultNer } from './functions/core/facts/ner-engine.ts';
defaultNer();
const file = process.argv[2];
if (file !== 'load-only') extractFacts({ source: 'warm', text: 'Ms Smith went to Paris on Monday to meet the mayor of the city.' }, { sentences: 3 });
if (file && file !== 'load-only') {
  const rows = readFileSync(file, 'utf8').split('\\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const words = rows.reduce((n, r) => n + (r.article.match(/\\S+/g) ?? []).length, 0);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let started = 0;
  for (let pass = 0; pass < 4; pass++) {
    if (pass === 1) started = cpu();
    for (const row of rows) extractFacts({ source: row.id, text: row.article }, { sentences: 3 });
  }
  const rate = (3 * words) / ((cpu() - started) / 1000);
  console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS, rate }));
} else {
  const u = process.cpuUsage();
  console.log((u.user + u.system) / 1000);
}`,
      outfile,
    );
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
    const measured = JSON.parse(run([outfile, jsonlPath]).stdout.trim()) as { maxRss: number; rate: number };
    return {
      startupMs: median(loaded) - median(bare),
      startupCpuMs: median(loadedCpu) - median(bareCpu),
      loadOnlyCpuMs: median(loadOnlyCpu) - median(bareCpu),
      peakMb: measured.maxRss / 1024,
      bundledWordsPerSecond: measured.rate,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
