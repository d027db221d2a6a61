/**
 * Chooses the key-sentence ranker's settings (lead reach, fragment and run-on lengths, redundancy) on
 * cnndm-dev.jsonl and reports 5-fold cross-validated ROUGE: for each fold the settings are chosen on
 * the other four and scored on it, next to Lead-3 on the same articles, so the figure is not a fit.
 *
 *   npx tsx scripts/eval/tune-ranker.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseArticle } from '../../functions/core/facts/index.ts';
import { RANK_DEFAULTS, rankSentences, type RankOptions, type SentenceInfo } from '../../functions/core/facts/rank.ts';
import { scoreSummary, type RougeTriple } from './rouge.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = process.env.EVAL_DIR ?? resolve(root, '..', 'shared', 'eval');
const COUNT = 3;
const FOLDS = 5;

interface Example {
  sentences: SentenceInfo[];
  reference: string[];
  lead: string[];
}

type Settings = Omit<RankOptions, 'count'>;

const grid: Settings[] = [];
for (const extraLead of [0, 1, 3]) {
  for (const minWords of [0, 10]) {
    for (const maxWords of [40, 50, 1000]) {
      for (const redundancy of [0.6, 1.01]) grid.push({ extraLead, minWords, maxWords, redundancy });
    }
  }
}

const examples: Example[] = readFileSync(join(evalDir, 'cnndm-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; article: string; article_sentences: string[]; reference_sentences: string[] })
  .map((row) => ({
    sentences: analyseArticle({ source: row.id, text: row.article }).sentences,
    reference: row.reference_sentences,
    lead: row.article_sentences.slice(0, COUNT),
  }));

function score(set: readonly Example[], settings: Settings | 'lead'): RougeTriple {
  const total = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  for (const ex of set) {
    const summary = settings === 'lead' ? ex.lead : rankSentences(ex.sentences, { count: COUNT, ...settings }).map((i) => (ex.sentences[i] as SentenceInfo).text);
    const r = scoreSummary(ex.reference, summary);
    total.rouge1 += (100 * r.rouge1) / set.length;
    total.rouge2 += (100 * r.rouge2) / set.length;
    total.rougeLsum += (100 * r.rougeLsum) / set.length;
  }
  return total;
}

const sum = (r: RougeTriple) => r.rouge1 + r.rouge2 + r.rougeLsum;
const fmt = (r: RougeTriple) => `${r.rouge1.toFixed(2)} / ${r.rouge2.toFixed(2)} / ${r.rougeLsum.toFixed(2)}`;

const folds: Example[][] = Array.from({ length: FOLDS }, (_, f) => examples.filter((_, i) => i % FOLDS === f));
const cv = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
for (let f = 0; f < FOLDS; f++) {
  const train = folds.filter((_, g) => g !== f).flat();
  const best = grid.map((s) => ({ s, v: sum(score(train, s)) })).sort((a, b) => b.v - a.v)[0] as { s: Settings };
  const test = folds[f] as Example[];
  const r = score(test, best.s);
  for (const k of ['rouge1', 'rouge2', 'rougeLsum'] as const) cv[k] += (r[k] * test.length) / examples.length;
  process.stdout.write(`fold ${f}: chose ${JSON.stringify(best.s)}\n`);
}
const ranked = grid.map((s) => ({ s, r: score(examples, s) })).sort((a, b) => sum(b.r) - sum(a.r));
process.stdout.write(
  `${FOLDS}-fold cross-validated ROUGE-1/2/Lsum: ${fmt(cv)}   Lead-3 ${fmt(score(examples, 'lead'))}\n` +
    `shipped defaults ${JSON.stringify(RANK_DEFAULTS)}: ${fmt(score(examples, RANK_DEFAULTS))}\n` +
    `best on all articles ${JSON.stringify(ranked[0]?.s)}: ${fmt((ranked[0] as { r: RougeTriple }).r)}\n`,
);
