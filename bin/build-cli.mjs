/**
 * Builds the CLI bundle of bin/digest.mjs when it is missing or older than a source file of functions/,
 * and returns its file URL. What the sources only import() when needed (HTML and feed parsing, the
 * tagger) stays in chunks of its own, loaded when needed. The bundle sits two folders below the
 * project root, as the sources do, so the paths they find templates/ and examples/ by still hold; the
 * tagger's model, beside its source, is named through NER_MODEL_PATH.
 * Concurrent builds are safe: each builds in a folder of its own, then moves the chunks (named by
 * their content) and last the entry into place, each with an atomic rename.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = join(ROOT, 'functions');
const OUT_DIR = join(ROOT, 'dist', 'cli');
const ENTRY = 'digest.mjs';
const MODEL = join(SOURCES, 'core', 'facts', 'ner', 'ner-model.bin');

/**
 * The newest modification time of the TypeScript sources (tests aside) under `dir` and of the folders
 * themselves (a folder's changes when a file in it is added, removed or renamed).
 */
function newestSource(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(join(OUT_DIR, ENTRY)).mtimeMs;
  } catch {
    return -1;
  }
}

export async function buildCli() {
  process.env.NER_MODEL_PATH ||= MODEL;
  if (builtAt() < newestSource(SOURCES)) {
    const { build } = await import('esbuild');
    mkdirSync(OUT_DIR, { recursive: true });
    const staging = mkdtempSync(join(ROOT, 'dist', '.cli-'));
    try {
      await build({
        entryPoints: { digest: join(SOURCES, 'cli', 'main.ts') },
        outdir: staging,
        outExtension: { '.js': '.mjs' },
        chunkNames: 'chunk-[hash]',
        bundle: true,
        splitting: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // Dependencies load from node_modules as they are; only the project's own code is bundled.
        packages: 'external',
        logLevel: 'silent',
      });
      for (const file of readdirSync(staging)) if (file !== ENTRY) renameSync(join(staging, file), join(OUT_DIR, file));
      renameSync(join(staging, ENTRY), join(OUT_DIR, ENTRY));
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return pathToFileURL(join(OUT_DIR, ENTRY)).href;
}
