/** Bundling bench code with esbuild and running it in fresh `node` processes. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Some bundled CommonJS packages `require` Node built-ins; ESM output needs a `require` to hand them. */
const REQUIRE_SHIM = "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);";

export interface Bundled {
  file: string;
  /** What a cold start reads: the entry, and with code splitting the chunks it imports statically, transitively. */
  bytes: number;
  /** With code splitting: the chunks only `import()`ed when needed, not read at cold start. */
  lazyBytes: number;
  /** The biggest contributors to the bundle, by package (or project folder), largest first. */
  largest: Array<{ from: string; kb: number }>;
}

function largestParts(inputs: Array<[string, { bytesInOutput: number }]>, count = 4): Bundled['largest'] {
  const byPart = new Map<string, number>();
  for (const [path, { bytesInOutput }] of inputs) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPart.set(pkg, (byPart.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...byPart]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([from, bytes]) => ({ from, kb: Math.round(bytes / 1024) }));
}

/** Bundles like the Lambda build: everything inside (the AWS SDK too), ESM for Node 22, minified when asked. */
export async function bundle(entry: string, outDir: string, name: string, minify: boolean, split = false): Promise<Bundled> {
  const dir = split ? join(outDir, name) : outDir;
  const file = join(dir, `${name}.mjs`);
  const result = await build({
    entryPoints: { [name]: entry },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    splitting: split,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    logLevel: 'error',
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const entryPath = Object.keys(outputs).find((path) => path.endsWith(`${name}.mjs`));
  const eager = new Set<string>();
  const visit = (path: string) => {
    if (eager.has(path) || !outputs[path]) return;
    eager.add(path);
    for (const imported of outputs[path].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  if (entryPath) visit(entryPath);
  const sum = (paths: string[]) => paths.reduce((total, path) => total + (outputs[path]?.bytes ?? 0), 0);
  const inputs = [...eager].flatMap((path) => Object.entries(outputs[path]?.inputs ?? {}));
  return {
    file,
    bytes: entryPath ? sum([...eager]) : statSync(file).size,
    lazyBytes: sum(Object.keys(outputs).filter((path) => path.endsWith('.mjs') && !eager.has(path))),
    largest: largestParts(inputs),
  };
}


/**
 * Files the bundled code reads at run time that the bundle cannot carry: the NER model. The deployment copies
 * them beside the bundle; bench processes run from a temporary folder, so they are pointed at the project's copy.
 */
export const RUNTIME_ASSETS = [{ path: 'functions/core/facts/ner/ner-model.bin', env: 'NER_MODEL_PATH' }] as const;

export function assetEnv(root: string): Record<string, string> {
  return Object.fromEntries(RUNTIME_ASSETS.filter((a) => existsSync(join(root, a.path))).map((a) => [a.env, join(root, a.path)]));
}

export class WorkerError extends Error {
  override readonly name = 'WorkerError';
}

/** Runs a bundled worker with one JSON task and returns the JSON line it prints. */
export function runWorker<T>(workerFile: string, task: object, env: Record<string, string>, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerFile, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) {
        try {
          resolve(JSON.parse(line) as T);
          return;
        } catch {
          // fall through to the error below
        }
      }
      reject(new WorkerError(`worker ${JSON.stringify(task).slice(0, 120)} ended with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Wall time of one `node ...args` from spawn to exit, in ms, and what it printed; throws when it fails. */
export function timeNode(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    const why = result.stderr.toString().trim().split('\n').slice(-2).join(' | ');
    throw new WorkerError(`node ${args.at(-1)} exited with ${result.status ?? result.signal}: ${why}`);
  }
  return { ms, stdout: result.stdout.toString() };
}

/** Imports a module and prints how long the import took inside the process (node's own start-up excluded). */
const TIMED_IMPORT =
  "const { pathToFileURL } = await import('node:url'); const t = performance.now(); " +
  'await import(pathToFileURL(process.argv[1]).href); process.stdout.write(String(performance.now() - t));';

/** A fresh process that loads `file`: its wall time, and the import time measured inside it. */
export function timeLoad(file: string, env: NodeJS.ProcessEnv): { ms: number; importMs: number } {
  const { ms, stdout } = timeNode(['--input-type=module', '-e', TIMED_IMPORT, file], env);
  return { ms, importMs: Number(stdout) };
}
