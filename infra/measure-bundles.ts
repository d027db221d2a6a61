/**
 * Measures each Lambda bundle of a real `cdk synth`: size (minified, SDK inside, and gzipped as a rough
 * stand-in for the zip) and how long a fresh `node` takes to load it, over a bare `node -e 0`, median of N.
 * Usage: npx tsx infra/measure-bundles.ts [runs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ENV } from '../functions/config.ts';

const runs = Number(process.argv[2] ?? 9);
const outdir = mkdtempSync(join(tmpdir(), 'measure-'));
execFileSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir], { stdio: ['ignore', 'ignore', 'inherit'] });
const template = JSON.parse(readFileSync(join(outdir, 'NewsDigestApp.template.json'), 'utf8')) as {
  Resources: Record<string, { Type: string; Properties: { Code?: { S3Key: string } } }>;
};
const env = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-central-1',
  [ENV.archiveBucket]: 'bucket',
  [ENV.subscribersTable]: 'subscribers',
  [ENV.ledgerTable]: 'ledger',
  [ENV.seenTable]: 'seen',
  [ENV.tokenSecretArn]: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:key',
  [ENV.sesConfigurationSet]: 'events',
};

function medianMs(args: string[], extraEnv: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString()}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** The file and every chunk it imports statically (`import … from "./x.mjs"`, not `import("./x.mjs")`), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.mjs)"/g)) {
    staticClosure(join(dirname(file), match[1] ?? ''), seen);
  }
  return seen;
}

const bare = medianMs(['-e', '0']);
console.log(`bare node -e 0: ${bare.toFixed(0)} ms (median of ${runs}, ${process.version})`);
for (const [id, resource] of Object.entries(template.Resources)) {
  if (resource.Type !== 'AWS::Lambda::Function' || !resource.Properties.Code) continue;
  const dir = join(outdir, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
  const file = join(dir, 'index.mjs');
  const bytes = statSync(file).size;
  const gzipped = gzipSync(readFileSync(file)).length;
  // With code splitting: what a cold start reads (the entry and the chunks it imports statically, transitively)
  // and the chunks only import()ed when needed (shipped, not loaded at cold start).
  const eager = staticClosure(file);
  const eagerBytes = [...eager].reduce((sum, path) => sum + statSync(path).size, 0);
  const allChunks = readdirSync(dir).filter((name) => name.endsWith('.mjs')).map((name) => join(dir, name));
  const lazyBytes = allChunks.filter((path) => !eager.has(path)).reduce((sum, path) => sum + statSync(path).size, 0);
  const load = medianMs(['--input-type=module', '-e', `await import(${JSON.stringify(file)})`], { DIGEST_TEMPLATES_DIR: join(dir, 'templates') });
  console.log(
    `${id.padEnd(36)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gzipped / 1024).toFixed(1).padStart(7)} KiB  at start ${(eagerBytes / 1024).toFixed(1).padStart(7)} KiB  lazy ${(lazyBytes / 1024).toFixed(1).padStart(7)} KiB  load ${load.toFixed(0).padStart(4)} ms  (+${(load - bare).toFixed(0)} ms over bare node)`,
  );
}
rmSync(outdir, { recursive: true, force: true });
