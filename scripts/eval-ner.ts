/**
 * Scores the shipped tagger on CoNLL-2003 data (conlleval counting) and measures its speed against the
 * `compromise` library on the same text.
 *   npm run eval:ner [-- path/to/gold.iob]     (default ../shared/eval/conll2003-dev.iob1)
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseConll, scoreConll, type ConllScore } from '../functions/core/facts/ner/conll.ts';
import { getTagger } from '../functions/core/facts/ner/index.ts';

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

/** Words per second of the tagger over the documents, best of a few rounds after a warm-up. */
function taggerSpeed(documents: string[][][], rounds: number): number {
  const tagger = getTagger();
  const words = documents.reduce((sum, doc) => sum + doc.reduce((s, sentence) => s + sentence.length, 0), 0);
  let best = Infinity;
  for (let r = 0; r < rounds + 1; r++) {
    const started = performance.now();
    for (const doc of documents) tagger.tagDocument(doc);
    const seconds = (performance.now() - started) / 1000;
    if (r > 0) best = Math.min(best, seconds);
  }
  return words / best;
}

async function compromiseSpeed(documents: string[][][]): Promise<number> {
  const { default: nlp } = await import('compromise');
  const texts = documents.map((doc) => doc.map((sentence) => sentence.join(' ')).join('\n'));
  const words = documents.reduce((sum, doc) => sum + doc.reduce((s, sentence) => s + sentence.length, 0), 0);
  const started = performance.now();
  for (const text of texts) {
    const parsed = nlp(text);
    parsed.people().out('array');
    parsed.places().out('array');
    parsed.organizations().out('array');
  }
  return words / ((performance.now() - started) / 1000);
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
  const ours = taggerSpeed(documents, 3);
  const theirs = await compromiseSpeed(documents);
  console.log(`model load (in process, after module load): ${loadMs.toFixed(1)} ms`);
  console.log(`speed: ${Math.round(ours)} words/s; compromise ${Math.round(theirs)} words/s (x${(ours / theirs).toFixed(1)})`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
