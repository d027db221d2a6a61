/**
 * Cold start: each Lambda handler bundled as the deployment bundles it (minified, AWS SDK inside), its size,
 * and how much longer `node bundle.mjs` takes than a bare `node -e 0`, measured in alternating fresh processes.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../../functions/config.ts';
import type { BenchPlan } from './plan.ts';
import { bundle, RUNTIME_ASSETS, timeLoad, timeNode, type Bundled } from './processes.ts';
import { formatNumber, formatSpread, spread, type Spread } from './stats.ts';
import { verdict, type Row } from './table.ts';

export interface ColdStartEntry {
  bundleKb: number;
  largest: Bundled['largest'];
  loadMsOverNode: number;
  loadMsOverNodeSpread: Spread;
  /** The import alone, timed inside the process: less exposed to the machine's noise than the wall-clock difference. */
  importMs: Spread;
  error?: string;
}

export interface FirstFactsJson {
  msOverNode: number;
  spread: Spread;
  bundleKb: number;
}

const HANDLERS_DIR = 'functions/handlers';

/** Plausible values for what a handler reads at cold start; nothing is contacted when a bundle loads. */
function lambdaLikeEnv(templatesDir: string, assets: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    [ENV.archiveBucket]: 'bench-archive',
    [ENV.subscribersTable]: 'bench-subscribers',
    [ENV.ledgerTable]: 'bench-ledger',
    [ENV.seenTable]: 'bench-seen',
    [ENV.tokenSecretArn]: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:bench',
    [ENV.sesConfigurationSet]: 'bench-events',
    DIGEST_TEMPLATES_DIR: templatesDir,
    ...assets,
  };
}

/** Lambda entry points: the files under functions/handlers that export a `handler` (helpers beside them do not). */
function findHandlers(handlersDir: string): Array<{ name: string; entry: string }> {
  if (!existsSync(handlersDir)) return [];
  return readdirSync(handlersDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => ({ name: f.replace(/\.ts$/, ''), entry: join(handlersDir, f) }))
    .filter(({ entry }) => /export\s+(async\s+)?(function|const|let)\s+handler\b/.test(readFileSync(entry, 'utf8')));
}

export async function benchColdStart(
  plan: BenchPlan,
  root: string,
  log: (line: string) => void,
): Promise<{ rows: Row[]; json: Record<string, ColdStartEntry>; firstFacts: FirstFactsJson }> {
  const entries = findHandlers(join(root, HANDLERS_DIR));
  const outDir = join(plan.tmpDir, 'lambda');
  const env = lambdaLikeEnv(plan.templatesDir, plan.env);

  log(`cold start: bundling ${entries.length} handler(s)`);
  const bundles: Array<{ name: string; bundled?: Bundled; error?: string }> = [];
  for (const { name, entry } of entries) {
    try {
      bundles.push({ name, bundled: await bundle(entry, outDir, name, true, true) });
    } catch (error) {
      bundles.push({ name, error: `bundling failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  const firstFacts = await bundle(join(root, 'scripts/bench/entries/first-facts.ts'), outDir, 'first-facts', true);

  const bare: number[] = [];
  const loads = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  const imports = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  const facts: number[] = [];
  log(`cold start: ${plan.coldStartRounds} rounds of fresh processes`);
  for (let round = 0; round < plan.coldStartRounds; round++) {
    const bareMs = timeNode(['-e', '0'], env).ms;
    bare.push(bareMs);
    for (const b of bundles) {
      if (!b.bundled || b.error) continue;
      try {
        const { ms, importMs } = timeLoad(b.bundled.file, env);
        loads.get(b.name)!.push(ms - bareMs); // paired with this round's bare start, so slow spells cancel
        imports.get(b.name)!.push(importMs);
      } catch (error) {
        b.error = `load failed: ${(error as Error).message}`;
      }
    }
    facts.push(timeNode([firstFacts.file, plan.examplePath], env).ms - bareMs);
  }

  const rows: Row[] = [];
  const json: Record<string, ColdStartEntry> = {};
  rows.push({ section: 'Cold start', measure: `bare \`node -e 0\` (${process.version}, ${plan.coldStartRounds} runs)`, result: `${formatSpread(spread(bare))} ms` });
  if (bundles.length === 0) rows.push({ section: '', measure: `Lambda handlers (${HANDLERS_DIR}/*.ts)`, result: 'none on this branch', target: '≤ 500 KB, ≤ 100 ms', verdict: 'NOT met' });
  for (const b of bundles) {
    const over = spread(loads.get(b.name) ?? []);
    const importMs = spread(imports.get(b.name) ?? []);
    const kb = b.bundled ? b.bundled.bytes / 1024 : Number.NaN;
    json[b.name] = { bundleKb: kb, largest: b.bundled?.largest ?? [], loadMsOverNode: over.median, loadMsOverNodeSpread: over, importMs, ...(b.error ? { error: b.error } : {}) };
    const parts = b.bundled?.largest.map((p) => `${p.from} ${p.kb}`).join(', ');
    const lazy = b.bundled && b.bundled.lazyBytes > 0 ? `; + ${formatNumber(b.bundled.lazyBytes / 1024, 0)} KB in chunks loaded on demand` : '';
    rows.push({ section: '', measure: `${b.name}: bundle read at cold start, minified, SDK inside`, result: `${formatNumber(kb, 0)} KB${kb > 500 && parts ? ` (largest, KB: ${parts})` : ''}${lazy}`, target: '≤ 500 KB', verdict: b.bundled ? verdict(kb <= 500) : 'NOT met' });
    rows.push({
      section: '',
      measure: `${b.name}: load over bare node`,
      result: b.error ? b.error : `${formatSpread(over)} ms; the import alone ${formatSpread(importMs)} ms`,
      target: '≤ 100 ms',
      verdict: b.error ? 'NOT met' : verdict(over.median <= 100),
    });
  }
  for (const asset of RUNTIME_ASSETS) {
    const path = join(root, asset.path);
    if (existsSync(path)) {
      rows.push({ section: '', measure: `asset shipped beside the bundles: ${asset.path.split('/').pop()}`, result: `${formatNumber(statSync(path).size / 1024, 0)} KB` });
    }
  }
  const factsOver = spread(facts);
  rows.push({
    section: '',
    measure: `first article's facts (examples/sco-summit.txt), over bare node; bundle ${formatNumber(firstFacts.bytes / 1024, 0)} KB`,
    result: `${formatSpread(factsOver)} ms`,
  });
  return { rows, json, firstFacts: { msOverNode: factsOver.median, spread: factsOver, bundleKb: firstFacts.bytes / 1024 } };
}
