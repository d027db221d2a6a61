/**
 * Key-sentence ranking for news. News puts its key facts first, so position leads; but a lead sentence
 * that is a quotation, a question, a fragment or an overlong run-on makes a poor summary line and gives
 * way to the next suitable one, and near-duplicates (by cosine of content words) are skipped. The summary is
 * returned in article order.
 *
 * The shape and thresholds were chosen by 5-fold cross-validation on news with human highlights
 * (scripts/eval/tune-ranker.ts). Ranking by centrality, entity and number density, alone or in a
 * learned linear score, did worse than position there, so they are not used to pick sentences.
 */

const STOPWORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how ' +
    'i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said says ' +
    'same she should so some such than that the their theirs them themselves then there these they this those through to too under until up ' +
    'very was we were what when where which while who whom why will with would you your yours yourself mr mrs ms one two new year years')
    .split(' '),
);

function crudeStem(w: string): string {
  if (w.endsWith('ies') || w.endsWith('ing')) return w.slice(0, -3);
  if (w.endsWith('es') || w.endsWith('ed')) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Characters of a word once lower-cased: a-z, 0-9 and the Latin letters with accents (À-ɏ). */
function isWordCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f);
}

/**
 * Content words of a sentence, lower-cased and crudely stemmed, for similarity. Words are found on char
 * codes: only words of two characters or more become strings.
 */
export function contentWords(sentence: string): string[] {
  const words: string[] = [];
  const lower = sentence.toLowerCase();
  const n = lower.length;
  let start = 0;
  while (start < n) {
    if (!isWordCharacter(lower.charCodeAt(start))) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < n && isWordCharacter(lower.charCodeAt(end))) end++;
    if (end - start >= 2) {
      const w = lower.slice(start, end);
      if (!STOPWORDS.has(w)) words.push(w.length > 4 ? crudeStem(w) : w);
    }
    start = end;
  }
  return words;
}

export interface SentenceInfo {
  text: string;
  /** Block (paragraph) index and position of the sentence inside it. */
  paragraph: number;
  indexInParagraph: number;
}

type Vector = Map<string, number>;

function vectorOf(words: readonly string[]): Vector {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

function norm2(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return s;
}

function dot(a: Vector, b: Vector): number {
  const small = a.size < b.size ? a : b;
  const large = a.size < b.size ? b : a;
  let s = 0;
  // forEach rather than for-of: no [word, count] pair built per entry.
  small.forEach((x, w) => {
    const y = large.get(w);
    if (y) s += x * y;
  });
  return s;
}

export function cosine(a: Vector, b: Vector): number {
  const d = Math.sqrt(norm2(a) * norm2(b));
  return d === 0 ? 0 : dot(a, b) / d;
}

/** Term-frequency vector of a sentence's content words. */
export function sentenceVector(text: string): Vector {
  return vectorOf(contentWords(text));
}

export interface RankOptions {
  count: number;
  /** How many sentences past `count` the lead reaches for suitable ones. @default 1 */
  extraLead?: number;
  /** Sentences with fewer words are fragments. @default 10 */
  minWords?: number;
  /** Sentences with more words are run-ons. @default 50 */
  maxWords?: number;
  /** Maximum cosine similarity to an already chosen sentence. @default 0.6 */
  redundancy?: number;
}

export const RANK_DEFAULTS = { extraLead: 1, minWords: 10, maxWords: 50, redundancy: 0.6 } as const;

/** Words of a text: runs of non-space characters. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Whether a sentence can stand as a summary line: not a quotation, question, fragment or run-on. */
export function isSuitable(text: string, minWords: number = RANK_DEFAULTS.minWords, maxWords: number = RANK_DEFAULTS.maxWords): boolean {
  const trimmed = text.trim();
  if (/^["“'‘]/.test(trimmed) || /\?["”'’)]*$/.test(trimmed)) return false;
  const words = wordCount(trimmed);
  return words >= minWords && words <= maxWords;
}

/**
 * Term-frequency vectors of the sentences, made when first asked for: usually only the lead's are.
 * A class rather than closures inside `rankSentences`: nothing is compiled per call site.
 */
class SentenceVectors {
  private readonly vectors = new Map<number, Vector>();

  constructor(private readonly sentences: readonly SentenceInfo[]) {}

  get(i: number): Vector {
    let v = this.vectors.get(i);
    if (!v) this.vectors.set(i, (v = sentenceVector((this.sentences[i] as SentenceInfo).text)));
    return v;
  }
}

/** Whether sentence `i` is too similar to one already chosen. */
function isRedundant(i: number, chosen: readonly number[], vectors: SentenceVectors, redundancy: number): boolean {
  for (let k = 0; k < chosen.length; k++) if (cosine(vectors.get(i), vectors.get(chosen[k] as number)) > redundancy) return true;
  return false;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Indexes of the key sentences, in article order. */
export function rankSentences(sentences: readonly SentenceInfo[], options: RankOptions): number[] {
  const count = Math.max(0, Math.min(options.count, sentences.length));
  if (count === 0) return [];
  // Each option read once, with its default: a spread of the defaults and the options built an object per call.
  const extraLead = options.extraLead ?? RANK_DEFAULTS.extraLead;
  const minWords = options.minWords ?? RANK_DEFAULTS.minWords;
  const maxWords = options.maxWords ?? RANK_DEFAULTS.maxWords;
  const redundancy = options.redundancy ?? RANK_DEFAULTS.redundancy;
  const vectors = new SentenceVectors(sentences);
  const chosen: number[] = [];
  const lead = Math.min(sentences.length, count + extraLead);
  // Three rounds through one loop: suitable sentences of the lead that say something new; then, past the
  // lead, position still predicts best on news (cross-validated against ranking the rest by centrality
  // and density, which did worse): any sentence in article order that says something new; then
  // near-duplicates last. One loop rather than three, so the rounds a short article needs run code V8
  // has already seen in the first (a loop first run after optimisation throws the compiled code away).
  for (let round = 0; round < 3 && chosen.length < count; round++) {
    const end = round === 0 ? lead : sentences.length;
    for (let i = 0; i < end && chosen.length < count; i++) {
      if (chosen.includes(i)) continue;
      if (round === 0 && !isSuitable((sentences[i] as SentenceInfo).text, minWords, maxWords)) continue;
      if (round < 2 && isRedundant(i, chosen, vectors, redundancy)) continue;
      chosen.push(i);
    }
  }
  return chosen.sort(byNumber);
}
