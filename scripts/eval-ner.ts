/**
 * Scores the shipped tagger on CoNLL-2003 data (conlleval counting) and measures its speed against the
 * `compromise` library on the same text.
 *   npm run eval:ner [-- path/to/gold.iob]     (default ../shared/eval/conll2003-dev.iob1)
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConll, scoreConll, type ConllScore } from '../functions/core/facts/ner/conll.ts';
import { getTagger } from '../functions/core/facts/ner/index.ts';
import { median } from './bench/stats.ts';
import { bundledProbe } from './eval/process-cost.ts';

/** Tags every document of a CoNLL file with the shipped model and scores it as conlleval does. */
export function evaluateConll(goldPath: string): ConllScore & { words: number; seconds: number } {
  const documents = parseConll(readFileSync(goldPath, 'utf8'));
  const tagger = getTagger();
  const gold: string[][] = [];
  const predicted: string[][] = [];
  let words = 0;
  const started = performance.now();
  for (const doc of documents) predicted.push(...tagger.tagDocument(doc.sentences));
  const seconds = (performance.now() - started) / 1000;
  for (const doc of documents) {
    gold.push(...doc.tags);
    for (const sentence of doc.sentences) words += sentence.length;
  }
  return { ...scoreConll(gold, predicted), words, seconds };
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface Speed {
  wall: number;
  cpu: number;
}

/** Words per second (wall clock and CPU time) of `run` over `words` words: the best of `rounds` after a warm-up. */
function speedOf(words: number, rounds: number, run: () => void): Speed {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r <= rounds; r++) {
    const startedWall = performance.now();
    const startedCpu = cpuMs();
    run();
    if (r === 0) continue;
    wall = Math.min(wall, performance.now() - startedWall);
    cpu = Math.min(cpu, cpuMs() - startedCpu);
  }
  return { wall: (words * 1000) / wall, cpu: (words * 1000) / cpu };
}

function wordCount(documents: string[][][]): number {
  return documents.reduce((sum, doc) => sum + doc.reduce((s, sentence) => s + sentence.length, 0), 0);
}

function taggerSpeed(documents: string[][][], rounds: number): Speed {
  const tagger = getTagger();
  return speedOf(wordCount(documents), rounds, () => {
    for (const doc of documents) tagger.tagDocument(doc);
  });
}

async function compromiseSpeed(documents: string[][][], rounds: number): Promise<Speed> {
  const { default: nlp } = await import('compromise');
  const texts = documents.map((doc) => doc.map((sentence) => sentence.join(' ')).join('\n'));
  return speedOf(wordCount(documents), rounds, () => {
    for (const text of texts) {
      const parsed = nlp(text);
      parsed.people().out('array');
      parsed.places().out('array');
      parsed.organizations().out('array');
    }
  });
}

/**
 * Start-up cost as a Lambda would pay it: the tagger bundled with esbuild, run by a bare `node` that loads
 * the model and tags one sentence, against `node` doing nothing (median of several runs each). Also the
 * peak RSS of a process that loads the model and tags the whole gold file.
 */
async function startupCost(goldPath: string): Promise<{ bareMs: number; loadMs: number; peakMb: number }> {
  const root = new URL('..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'ner-load-'));
  const outfile = join(dir, 'load.mjs');
  const run = await bundledProbe(
    root,
    `import { readFileSync } from 'node:fs';
import { getTagger } from './functions/core/facts/ner/index.ts';
import { parseConll } from './functions/core/facts/ner/conll.ts';
const tagger = getTagger();
tagger.tagDocument([['Ms', 'Smith', 'went', 'to', 'Paris', '.']]);
const file = process.argv[2];
if (file) {
  const docs = parseConll(readFileSync(file, 'utf8')).map((doc) => doc.sentences);
  for (const doc of docs) tagger.tagDocument(doc);
  console.log(process.resourceUsage().maxRSS);
}`,
    outfile,
  );
  const time = (args: string[]) => run(args).ms;
  const bare: number[] = [];
  const loaded: number[] = [];
  for (let r = 0; r < 7; r++) {
    bare.push(time(['-e', '']));
    loaded.push(time([outfile]));
  }
  const peak = run([outfile, goldPath]);
  rmSync(dir, { recursive: true, force: true });
  return { bareMs: median(bare), loadMs: median(loaded) - median(bare), peakMb: Number(peak.stdout.trim()) / 1024 };
}

function row(name: string, s: { precision: number; recall: number; f1: number; gold: number }): string {
  return `${name.padEnd(12)}${s.precision.toFixed(2).padStart(8)}${s.recall.toFixed(2).padStart(8)}${s.f1.toFixed(2).padStart(8)}${String(s.gold).padStart(8)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const goldPath = process.argv[2] ?? new URL('../../shared/eval/conll2003-dev.iob1', import.meta.url).pathname;
  const loadStarted = performance.now();
  getTagger();
  const loadMs = performance.now() - loadStarted;
  const result = evaluateConll(goldPath);
  console.log(`${goldPath}: ${result.words} words`);
  console.log(`${'type'.padEnd(12)}${'P'.padStart(8)}${'R'.padStart(8)}${'F1'.padStart(8)}${'gold'.padStart(8)}`);
  for (const type of ['PER', 'LOC', 'ORG', 'MISC'] as const) console.log(row(type, result.perType[type]));
  console.log(row('PER/LOC/ORG', result.micro));
  console.log(row('all four', result.overall));
  const documents = parseConll(readFileSync(goldPath, 'utf8')).map((doc) => doc.sentences);
  const ours = taggerSpeed(documents, 5);
  const theirs = await compromiseSpeed(documents, 2);
  const modelBytes = statSync(new URL('../functions/core/facts/ner/ner-model.bin', import.meta.url)).size;
  const startup = await startupCost(goldPath);
  const rate = (s: Speed) => `${Math.round(s.cpu).toLocaleString('en')} words/s CPU (${Math.round(s.wall).toLocaleString('en')} wall)`;
  console.log(`speed: ours ${rate(ours)}; compromise ${rate(theirs)}; ratio x${(ours.cpu / theirs.cpu).toFixed(1)} CPU`);
  console.log(`model file: ${(modelBytes / 1e6).toFixed(2)} MB; load in this process: ${loadMs.toFixed(1)} ms`);
  console.log(
    `bundled start-up: bare node ${startup.bareMs.toFixed(0)} ms, + module and model load ${startup.loadMs.toFixed(0)} ms; peak RSS tagging the file ${startup.peakMb.toFixed(0)} MB`,
  );
}
