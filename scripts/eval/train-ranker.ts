/**
 * Trains the key-sentence ranker's weights: a ridge regression of each sentence's own ROUGE against
 * the reference highlights on the features of rank.ts, then the redundancy threshold. Reports 5-fold
 * cross-validated ROUGE (weights trained without the fold) next to Lead-3 on the same articles, so the
 * figure is not the training fit. `--write` stores the weights trained on all articles.
 *
 *   npx tsx scripts/eval/train-ranker.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseArticle } from '../../functions/core/facts/index.ts';
import { cosine, FEATURE_NAMES, rankSentences, sentenceFeatures, type SentenceInfo } from '../../functions/core/facts/rank.ts';
import { rougeN, scoreSummary, type RougeTriple } from './rouge.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = process.env.EVAL_DIR ?? resolve(root, '..', 'shared', 'eval');
const COUNT = 3;
const FOLDS = 5;
const RIDGE = Number(process.env.RIDGE ?? 1);
/** Smallest gain of the objective (sum of three F1, 0-3) a step must bring. */
const MARGIN = Number(process.env.MARGIN ?? 0.002);
/** Features the ascent may change; the others keep their ridge or zero weight. */
const ACTIVE = new Set(process.env.FEATURES ? process.env.FEATURES.split(',') : FEATURE_NAMES);

interface Example {
  sentences: SentenceInfo[];
  features: number[][];
  labels: number[];
  reference: string[];
  lead: string[];
}

function load(): Example[] {
  const rows = readFileSync(join(evalDir, 'cnndm-dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return rows.map((row: { id: string; article: string; article_sentences: string[]; reference_sentences: string[] }) => {
    const { sentences } = analyseArticle({ source: row.id, text: row.article });
    const { features } = sentenceFeatures(sentences);
    const reference = row.reference_sentences.join('\n');
    const labels = sentences.map((s) => (rougeN(reference, s.text, 1).f1 + rougeN(reference, s.text, 2).f1) / 2);
    return { sentences, features, labels, reference: row.reference_sentences, lead: row.article_sentences.slice(0, COUNT) };
  });
}

/** Solves (XᵀX + λI) w = Xᵀy by Gaussian elimination; the bias is not penalised. */
function ridge(examples: readonly Example[], lambda: number): number[] {
  const k = FEATURE_NAMES.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const ex of examples) {
    ex.features.forEach((x, s) => {
      const y = ex.labels[s] as number;
      for (let i = 0; i < k; i++) {
        const row = a[i] as number[];
        for (let j = 0; j < k; j++) row[j] = (row[j] as number) + (x[i] as number) * (x[j] as number);
        row[k] = (row[k] as number) + (x[i] as number) * y;
      }
    });
  }
  for (let i = 1; i < k; i++) (a[i] as number[])[i] = ((a[i] as number[])[i] as number) + lambda;
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const p = (a[c] as number[])[c] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = ((a[r] as number[])[c] as number) / p;
      for (let j = c; j <= k; j++) (a[r] as number[])[j] = ((a[r] as number[])[j] as number) - f * ((a[c] as number[])[j] as number);
    }
  }
  return a.map((row, i) => (row[k] as number) / ((row[i] as number) || 1));
}

function evaluate(examples: readonly Example[], weights: readonly number[], redundancy: number): { ours: RougeTriple; lead: RougeTriple } {
  const sum = (a: RougeTriple, b: RougeTriple): RougeTriple => ({ rouge1: a.rouge1 + b.rouge1, rouge2: a.rouge2 + b.rouge2, rougeLsum: a.rougeLsum + b.rougeLsum });
  let ours: RougeTriple = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  let lead: RougeTriple = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  for (const ex of examples) {
    const chosen = rankSentences(ex.sentences, { count: COUNT, weights, redundancy });
    ours = sum(ours, scoreSummary(ex.reference, chosen.map((i) => (ex.sentences[i] as SentenceInfo).text)));
    lead = sum(lead, scoreSummary(ex.reference, ex.lead));
  }
  const scale = (t: RougeTriple): RougeTriple => ({ rouge1: (100 * t.rouge1) / examples.length, rouge2: (100 * t.rouge2) / examples.length, rougeLsum: (100 * t.rougeLsum) / examples.length });
  return { ours: scale(ours), lead: scale(lead) };
}

const REDUNDANCY = [0.35, 0.45, 0.55, 0.65, 0.8, 1.01];

/** Cache of the summary ROUGE of one selection of one article. */
const selectionCache = new Map<Example, Map<string, number>>();

function cosineOf(ex: Example): number[][] {
  const cached = cosineCache.get(ex);
  if (cached) return cached;
  const { vectors } = sentenceFeatures(ex.sentences);
  const m = vectors.map((a) => vectors.map((b) => cosine(a, b)));
  cosineCache.set(ex, m);
  return m;
}
const cosineCache = new Map<Example, number[][]>();

/** Mean R-1 + R-2 + R-Lsum F1 of the selections the weights make; the training objective. */
function objective(examples: readonly Example[], weights: readonly number[], redundancy: number): number {
  let total = 0;
  for (const ex of examples) {
    const scores = ex.features.map((f) => f.reduce((s, x, k) => s + x * (weights[k] ?? 0), 0));
    const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const sim = cosineOf(ex);
    const chosen: number[] = [];
    for (const i of order) {
      if (chosen.length === COUNT) break;
      if (chosen.some((j) => ((sim[i] as number[])[j] as number) > redundancy)) continue;
      chosen.push(i);
    }
    for (const i of order) {
      if (chosen.length === COUNT) break;
      if (!chosen.includes(i)) chosen.push(i);
    }
    chosen.sort((a, b) => a - b);
    const key = chosen.join(',');
    let cache = selectionCache.get(ex);
    if (!cache) selectionCache.set(ex, (cache = new Map()));
    let value = cache.get(key);
    if (value === undefined) {
      const r = scoreSummary(ex.reference, chosen.map((i) => (ex.sentences[i] as SentenceInfo).text));
      value = r.rouge1 + r.rouge2 + r.rougeLsum;
      cache.set(key, value);
    }
    total += value;
  }
  return total / examples.length;
}

/**
 * Coordinate ascent on the selection objective, from the ridge solution blended with a lead prior.
 * Steps shrink each pass; a change must gain more than a small margin, which keeps the weights from
 * chasing single articles.
 */
function train(examples: readonly Example[]): { weights: number[]; redundancy: number } {
  const ridgeWeights = ridge(examples, RIDGE);
  const inverse = FEATURE_NAMES.indexOf('inversePosition');
  const starts = [FEATURE_NAMES.map((_, i) => (i === inverse ? 1 : 0))];
  if (!process.env.FEATURES) starts.unshift(ridgeWeights);
  let best = { weights: starts[0] as number[], redundancy: 1.01, score: -1 };
  for (const start of starts) {
    for (const redundancy of REDUNDANCY) {
      const score = objective(examples, start, redundancy);
      if (score > best.score) best = { weights: [...start], redundancy, score };
    }
  }
  const margin = MARGIN;
  for (const step of [0.5, 0.2, 0.1, 0.05]) {
    let improved = true;
    for (let pass = 0; pass < 4 && improved; pass++) {
      improved = false;
      for (let k = 1; k < FEATURE_NAMES.length; k++) {
        if (!ACTIVE.has(FEATURE_NAMES[k] as string)) continue;
        for (const delta of [-step, step]) {
          const trial = [...best.weights];
          trial[k] = (trial[k] as number) + delta;
          const score = objective(examples, trial, best.redundancy);
          if (score > best.score + margin) {
            best = { ...best, weights: trial, score };
            improved = true;
          }
        }
      }
      for (const redundancy of REDUNDANCY) {
        const score = objective(examples, best.weights, redundancy);
        if (score > best.score + margin) best = { ...best, redundancy, score };
      }
    }
  }
  return { weights: best.weights, redundancy: best.redundancy };
}

function fmt(t: RougeTriple): string {
  return `${t.rouge1.toFixed(2)} / ${t.rouge2.toFixed(2)} / ${t.rougeLsum.toFixed(2)}`;
}

const examples = load();
const folds: Example[][] = Array.from({ length: FOLDS }, () => []);
examples.forEach((ex, i) => folds[i % FOLDS]?.push(ex));
const cv = { ours: { rouge1: 0, rouge2: 0, rougeLsum: 0 }, lead: { rouge1: 0, rouge2: 0, rougeLsum: 0 } };
for (let f = 0; f < FOLDS; f++) {
  const test = folds[f] as Example[];
  const model = train(folds.filter((_, g) => g !== f).flat());
  const r = evaluate(test, model.weights, model.redundancy);
  for (const key of ['rouge1', 'rouge2', 'rougeLsum'] as const) {
    cv.ours[key] += (r.ours[key] * test.length) / examples.length;
    cv.lead[key] += (r.lead[key] * test.length) / examples.length;
  }
}
const final = train(examples);
const fit = evaluate(examples, final.weights, final.redundancy);
process.stdout.write(
  `${FOLDS}-fold cross-validated ROUGE-1/2/Lsum: ours ${fmt(cv.ours)}  Lead-3 ${fmt(cv.lead)}\n` +
    `fit on all ${examples.length} articles:         ours ${fmt(fit.ours)}  (redundancy ${final.redundancy})\n` +
    FEATURE_NAMES.map((name, i) => `  ${name.padEnd(18)} ${(final.weights[i] as number).toFixed(4)}`).join('\n') +
    '\n',
);

if (process.argv.includes('--write')) {
  const path = join(root, 'functions', 'core', 'facts', 'ranker-weights.ts');
  const weights = final.weights.map((w) => Number(w.toFixed(4)));
  writeFileSync(
    path,
    `/**
 * Weights of the key-sentence ranker, one per feature of \`FEATURE_NAMES\` in rank.ts, written by
 * scripts/eval/train-ranker.ts: ridge regression (lambda ${RIDGE}) of each sentence's ROUGE against news
 * highlights. ${FOLDS}-fold cross-validated ROUGE-1/2/Lsum ${fmt(cv.ours)} vs Lead-3 ${fmt(cv.lead)}.
 */
export const RANKER_WEIGHTS = {
  weights: [${weights.join(', ')}],
  redundancy: ${final.redundancy},
} as const;
`,
  );
  process.stdout.write(`wrote ${path}\n`);
}
