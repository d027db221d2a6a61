/**
 * Key-sentence ranking: a linear score over a few features (position, centrality, entity and number
 * density, length, quotes), then greedy selection that skips sentences too similar to those already
 * chosen. The summary is returned in article order.
 */
import { RANKER_WEIGHTS } from './ranker-weights.ts';

const STOPWORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how ' +
    'i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said says ' +
    'same she should so some such than that the their theirs them themselves then there these they this those through to too under until up ' +
    'very was we were what when where which while who whom why will with would you your yours yourself mr mrs ms one two new year years')
    .split(' '),
);

/** Content words of a sentence, lower-cased and crudely stemmed, for similarity. */
export function contentWords(sentence: string): string[] {
  const words: string[] = [];
  for (const m of sentence.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    words.push(w.length > 4 ? w.replace(/(?:ies|es|s|ing|ed)$/, '') : w);
  }
  return words;
}

export interface SentenceInfo {
  text: string;
  /** Block (paragraph) index and position of the sentence inside it. */
  paragraph: number;
  indexInParagraph: number;
  /** Entity mentions in the sentence. */
  entities: number;
  /** Quantities and dates in the sentence. */
  numbers: number;
}

type Vector = Map<string, number>;

function vectorOf(words: readonly string[]): Vector {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y) s += x * y;
  }
  return s;
}

export function cosine(a: Vector, b: Vector): number {
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot(a, b) / d;
}

/** Names of the features, in the order of `sentenceFeatures` and of the weights. */
export const FEATURE_NAMES = [
  'bias', 'first', 'inversePosition', 'relativePosition', 'centrality', 'leadSimilarity', 'length',
  'short', 'long', 'quote', 'entityDensity', 'hasNumber', 'paragraphStart', 'question',
] as const;

/** The feature vector of every sentence of an article. */
export function sentenceFeatures(sentences: readonly SentenceInfo[]): { features: number[][]; vectors: Vector[] } {
  const words = sentences.map((s) => contentWords(s.text));
  const vectors = words.map(vectorOf);
  // IDF over the article's own sentences damps words every sentence repeats.
  const df = new Map<string, number>();
  for (const v of vectors) for (const w of v.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = sentences.length;
  const weighted = vectors.map((v) => {
    const out: Vector = new Map();
    for (const [w, x] of v) out.set(w, x * Math.log(1 + n / (df.get(w) ?? 1)));
    return out;
  });
  const total: Vector = new Map();
  for (const v of weighted) for (const [w, x] of v) total.set(w, (total.get(w) ?? 0) + x);
  const multiParagraph = new Set(sentences.map((s) => s.paragraph)).size > 1;
  const features = sentences.map((s, i) => {
    const v = weighted[i] as Vector;
    const rest: Vector = new Map();
    for (const [w, x] of total) {
      const y = x - (v.get(w) ?? 0);
      if (y > 0) rest.set(w, y);
    }
    const length = (s.text.match(/\S+/g) ?? []).length;
    const trimmed = s.text.trim();
    return [
      1,
      i === 0 ? 1 : 0,
      1 / (i + 1),
      n > 1 ? i / (n - 1) : 0,
      cosine(v, rest),
      i === 0 ? 1 : cosine(v, weighted[0] as Vector),
      Math.min(length, 60) / 30,
      length < 10 ? 1 : 0,
      length > 40 ? 1 : 0,
      /^["“'‘]/.test(trimmed) || /["”]$/.test(trimmed) ? 1 : 0,
      Math.min(s.entities / Math.max(length, 1), 0.5) * 4,
      s.numbers > 0 ? 1 : 0,
      multiParagraph && s.indexInParagraph === 0 ? 1 : 0,
      /\?["”']?$/.test(trimmed) ? 1 : 0,
    ];
  });
  return { features, vectors };
}

export interface RankOptions {
  count: number;
  weights?: readonly number[];
  /** Maximum cosine similarity to an already chosen sentence. */
  redundancy?: number;
}

/** Indexes of the key sentences, in article order. */
export function rankSentences(sentences: readonly SentenceInfo[], options: RankOptions): number[] {
  const count = Math.max(0, Math.min(options.count, sentences.length));
  if (count === 0) return [];
  const weights = options.weights ?? RANKER_WEIGHTS.weights;
  const redundancy = options.redundancy ?? RANKER_WEIGHTS.redundancy;
  const { features, vectors } = sentenceFeatures(sentences);
  const scores = features.map((f) => f.reduce((s, x, k) => s + x * (weights[k] ?? 0), 0));
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const chosen: number[] = [];
  for (const i of order) {
    if (chosen.length === count) break;
    if (chosen.some((j) => cosine(vectors[i] as Vector, vectors[j] as Vector) > redundancy)) continue;
    chosen.push(i);
  }
  for (const i of order) {
    if (chosen.length === count) break;
    if (!chosen.includes(i)) chosen.push(i);
  }
  return chosen.sort((a, b) => a - b);
}
