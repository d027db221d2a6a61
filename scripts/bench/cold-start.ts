/**
 * Cold start: each Lambda handler bundled as the deployment bundles it (minified, AWS SDK inside), its size,
 * and how much longer `node bundle.mjs` takes than a bare `node -e 0`, measured in alternating fresh processes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchPlan } from './plan.ts';
import { bundle, timeNode, type Bundled } from './processes.ts';
import { formatNumber, formatSpread, median, spread, type Spread } from './stats.ts';
import { verdict, type Row } from './table.ts';

export interface ColdStartEntry {
  bundleKb: number;
  loadMsOverNode: number;
  loadMsOverNodeSpread: Spread;
  /** True for the bench's stand-in entry, used while the project has no handlers. */
  proxy: boolean;
  error?: string;
}

export interface FirstFactsJson {
  msOverNode: number;
  spread: Spread;
  bundleKb: number;
}

const HANDLERS_DIR = 'functions/handlers';

/** Plausible values for what a handler reads at cold start; nothing is contacted when a bundle loads. */
function lambdaLikeEnv(templatesDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    ARCHIVE_BUCKET: 'bench-archive',
    SUBSCRIBERS_TABLE: 'bench-subscribers',
    LEDGER_TABLE: 'bench-ledger',
    SEEN_TABLE: 'bench-seen',
    TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:bench',
    SES_CONFIGURATION_SET: 'bench-events',
    DIGEST_TEMPLATES_DIR: templatesDir,
    NODE_OPTIONS: '',
  };
}

export async function benchColdStart(
  plan: BenchPlan,
  root: string,
  log: (line: string) => void,
): Promise<{ rows: Row[]; json: Record<string, ColdStartEntry>; firstFacts: FirstFactsJson }> {
  const handlersDir = join(root, HANDLERS_DIR);
  const handlerFiles = existsSync(handlersDir)
    ? readdirSync(handlersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    : [];
  const entries = handlerFiles.length
    ? handlerFiles.map((f) => ({ name: f.replace(/\.ts$/, ''), entry: join(handlersDir, f), proxy: false }))
    : [{ name: 'digest (proxy)', entry: join(root, 'scripts/bench/entries/digest-proxy.ts'), proxy: true }];
  const outDir = join(plan.tmpDir, 'lambda');
  const env = lambdaLikeEnv(plan.templatesDir);

  log(`cold start: bundling ${entries.length} handler(s)`);
  const bundles: Array<{ name: string; proxy: boolean; bundled?: Bundled; error?: string }> = [];
  for (const { name, entry, proxy } of entries) {
    try {
      bundles.push({ name, proxy, bundled: await bundle(entry, outDir, name.replace(/\W+/g, '-'), true) });
    } catch (error) {
      bundles.push({ name, proxy, error: `bundling failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  const firstFacts = await bundle(join(root, 'scripts/bench/entries/first-facts.ts'), outDir, 'first-facts', true);

  const bare: number[] = [];
  const loads = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  const facts: number[] = [];
  log(`cold start: ${plan.coldStartRounds} rounds of fresh processes`);
  for (let round = 0; round < plan.coldStartRounds; round++) {
    bare.push(timeNode(['-e', '0'], env));
    for (const b of bundles) {
      if (!b.bundled || b.error) continue;
      try {
        loads.get(b.name)!.push(timeNode([b.bundled.file], env));
      } catch (error) {
        b.error = `load failed: ${(error as Error).message}`;
      }
    }
    facts.push(timeNode([firstFacts.file, plan.examplePath], env));
  }
  const bareMedian = median(bare);

  const rows: Row[] = [];
  const json: Record<string, ColdStartEntry> = {};
  rows.push({ section: 'Cold start', measure: `bare \`node -e 0\` (${process.version}, ${plan.coldStartRounds} runs)`, result: `${formatSpread(spread(bare))} ms` });
  for (const b of bundles) {
    const over = spread((loads.get(b.name) ?? []).map((ms) => ms - bareMedian));
    const kb = b.bundled ? b.bundled.bytes / 1024 : Number.NaN;
    json[b.name] = { bundleKb: kb, loadMsOverNode: over.median, loadMsOverNodeSpread: over, proxy: b.proxy, ...(b.error ? { error: b.error } : {}) };
    rows.push({ section: '', measure: `${b.name}: bundle, minified, SDK inside`, result: `${formatNumber(kb, 0)} KB`, target: '≤ 500 KB', verdict: b.bundled ? verdict(kb <= 500) : 'NOT met' });
    rows.push({
      section: '',
      measure: `${b.name}: load over bare node`,
      result: b.error ? b.error : `${formatSpread(over)} ms`,
      target: '≤ 100 ms',
      verdict: b.error ? 'NOT met' : verdict(over.median <= 100),
    });
  }
  const factsOver = spread(facts.map((ms) => ms - bareMedian));
  rows.push({
    section: '',
    measure: `first article's facts (examples/sco-summit.txt), over bare node; bundle ${formatNumber(firstFacts.bytes / 1024, 0)} KB`,
    result: `${formatSpread(factsOver)} ms`,
  });
  return { rows, json, firstFacts: { msOverNode: factsOver.median, spread: factsOver, bundleKb: firstFacts.bytes / 1024 } };
}
