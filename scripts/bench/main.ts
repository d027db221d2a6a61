/**
 * `npm run bench [-- --quick]`: extraction speed, cold start, rendering and sending, measured in one run
 * against baselines, printed as one table and written to bench-results.json at the project root.
 * Timings run in fresh child processes (bundled with esbuild, run with plain node), several times where it
 * is cheap, so the shared machine's noise shows as a spread instead of hiding in one number.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchColdStart } from './cold-start.ts';
import { benchExtraction } from './extraction.ts';
import { makePlan } from './plan.ts';
import { assetEnv, bundle, runWorker } from './processes.ts';
import { benchRendering } from './rendering.ts';
import { benchSending } from './sending.ts';
import { formatNumber } from './stats.ts';
import { formatTable, verdict, type Row } from './table.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SECTIONS = ['extraction', 'coldStart', 'rendering', 'sending'] as const;
type Section = (typeof SECTIONS)[number];
const USAGE = `usage: npm run bench [-- --quick] [--only ${SECTIONS.join(',')}]`;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
let only: Section[] = [...SECTIONS];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg === '--quick') continue;
  const value = arg === '--only' ? args[++i] : arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
  const picked = value?.split(',') ?? [];
  const wrong = value === undefined ? arg : picked.find((p) => !SECTIONS.includes(p as Section));
  if (wrong !== undefined || picked.length === 0) {
    process.stderr.write(`bench: unknown argument ${wrong ?? arg} (${USAGE})\n`);
    process.exit(2);
  }
  only = picked as Section[];
}
const skipped = { rows: [] as Row[], json: undefined };

const started = performance.now();
const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
const tmpDir = mkdtempSync(join(tmpdir(), 'news-digest-bench-'));
try {
  const workerFile = (await bundle(join(root, 'scripts/bench/worker.ts'), tmpDir, 'worker', false, true)).file;
  const plan = makePlan(quick, {
    workerFile,
    tmpDir,
    examplePath: join(root, 'examples/sco-summit.txt'),
    templatesDir: join(root, 'templates'),
    issuePath: join(tmpDir, 'issue.json'),
    mailPath: join(tmpDir, 'digest.eml'),
    env: assetEnv(root),
  });
  const loadBefore = loadavg()[0]!;

  const extraction = only.includes('extraction') ? await benchExtraction(plan, log) : skipped;
  const coldStart = only.includes('coldStart') ? await benchColdStart(plan, root, log) : { ...skipped, firstFacts: undefined };
  if (only.includes('rendering') || only.includes('sending')) {
    log('preparing the bench issue and one rendered mail');
    const { examplePath, templatesDir, issuePath, mailPath } = plan;
    await runWorker(plan.workerFile, { task: 'prepare', examplePath, templatesDir, issuePath, mailPath }, plan.env);
  }
  const rendering = only.includes('rendering') ? await benchRendering(plan, log) : skipped;
  const sending = only.includes('sending') ? await benchSending(plan, root, log) : skipped;

  const highestRate = Math.max(...plan.sending.rates);
  const renderTarget = 1.5 * highestRate;
  const renderRows: Row[] = rendering.json
    ? [
        {
          section: 'Rendering',
          measure: `mails/s vs 1.5 × the highest send rate benched (${formatNumber(highestRate, 0)}/s)`,
          result: `${formatNumber(rendering.json.rendersPerSecond, 0)}/s (${formatNumber(rendering.json.rendersPerSecond / highestRate)} × ${formatNumber(highestRate, 0)}/s)`,
          target: `≥ ${formatNumber(renderTarget, 0)}/s`,
          verdict: verdict(rendering.json.rendersPerSecond >= renderTarget),
        },
      ]
    : [];
  const seconds = (performance.now() - started) / 1000;
  const context =
    `news-digest bench${quick ? ' --quick' : ''}: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs ` +
    `(${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${formatNumber(loadBefore)} at start, ${formatNumber(seconds, 0)} s`;
  const table = formatTable([...extraction.rows, ...coldStart.rows, ...rendering.rows, ...renderRows, ...sending.rows]);

  const results = {
    extraction: extraction.json,
    coldStart: coldStart.json,
    rendering: rendering.json,
    sending: sending.json,
    firstFacts: coldStart.firstFacts,
    run: { quick, sections: only, at: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: loadBefore, seconds },
  };
  writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${context}\n\n${table}\n\nWritten to bench-results.json.\n`);
} catch (error) {
  // A failed measurement names itself in one line; the table is not printed half-filled.
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
