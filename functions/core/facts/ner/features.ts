import { IS_PREFIX, MAX_PHRASE, PHRASE_TYPES, TOKEN_SHIFT, type Gazetteer } from './gazetteer.ts';
import { mix, phraseHash } from './hash.ts';
import { normalizeToken } from './normalize.ts';
import { TAG_COUNT, tagType } from './tags.ts';

/**
 * Feature extraction. Every feature is a 32-bit hash of (template, value), computed from per-token
 * hashes without building strings, into reused buffers, so tagging allocates little per token.
 * Changing a template changes the model: retrain (npm run train:ner).
 */

const T_BIAS = 1;
const T_WORD = 2;
const T_EXACT = 3;
const T_WORD_AT = 4; // + 1, + 2 for the words at -1, +1 (+ 0, + 3 were -2, +2: no better on dev, and slower)
const T_BIGRAM_LEFT = 8;
const T_BIGRAM_RIGHT = 9;
const T_SHAPE = 10;
const T_SHORT_SHAPE = 11;
const T_SHORT_SHAPE_AT = 12; // + 0..3
const T_SHAPE_TRIGRAM = 16;
const T_PREFIX = 20; // + length - 1
const T_SUFFIX = 24; // + length - 1
const T_FIRST = 30;
const T_HEADLINE = 31;
const T_LEFT_WORD_SHAPE = 32;
const T_SHAPE_RIGHT_WORD = 33;
const T_LENGTH = 34;
const T_EXACT_LEFT = 35;
const T_DOC_CASE = 40;
const T_DOC_CASE_WORD = 41;
const T_CONTEXT_LEFT = 42;
const T_CONTEXT_RIGHT = 43;
/** Other occurrences of a word whose contexts a token sees. */
const MAX_OCCURRENCES = 8;
const T_GAZ_PHRASE = 50;
const T_GAZ_TOKEN = 51;
const T_GAZ_LEFT = 52;
const T_GAZ_RIGHT = 53;
const T_PASS1_AT = 60; // + 0..4 for offsets -2..+2
const T_PASS1_PAIR = 65;
const T_AGG_TAG = 70;
const T_AGG_TYPE = 71;
const T_AGG_TYPE_CASE = 72;
const T_AGG_NEIGHBOURS = 73;

/**
 * Tokens and sentences of a document that the extractor's and the tagger's buffers hold from the start
 * (see `FeatureExtractor.ensure`).
 */
export const MIN_TOKENS = 4096;
export const MIN_SENTENCES = 512;

// Case classes of a token.
const NO_LETTER = 0;
const LOWER = 1;
const INIT_CAP = 2;
const ALL_CAPS = 3;
const MIXED = 4;

// Shape classes of a character.
const UPPER_CHAR = 88; // X
const LOWER_CHAR = 120; // x
const DIGIT_CHAR = 100; // d

const BOUNDARY = 0x2545f491;
const BOUNDARY_SHAPE = 0x1b873593;
const NO_TAG = 255;

function feature(template: number, value: number): number {
  return mix(template, value);
}
function feature2(template: number, a: number, b: number): number {
  return mix(mix(template, a), b);
}

function charClass(code: number, s: string, j: number): number {
  if (code >= 65 && code <= 90) return UPPER_CHAR;
  if (code >= 97 && code <= 122) return LOWER_CHAR;
  if (code >= 48 && code <= 57) return DIGIT_CHAR;
  if (code < 128) return code;
  const ch = s[j]!;
  if (ch.toLowerCase() !== ch) return UPPER_CHAR;
  if (ch.toUpperCase() !== ch) return LOWER_CHAR;
  return /\p{L}/u.test(ch) ? LOWER_CHAR : /\p{N}/u.test(ch) ? DIGIT_CHAR : code;
}

/** The lowercase, digit-folded code unit the word features see. */
function wordCode(code: number, s: string, j: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code >= 48 && code <= 57) return 48;
  if (code < 128) return code;
  return s[j]!.toLowerCase().charCodeAt(0);
}

/**
 * Words that open sentences and clauses, capitalised there by convention only: such a word starts no
 * name when the next word is plain (a name's own next word has capitals, and then the tagger scores
 * it anyway; see `FeatureExtractor.isPlain`).
 */
const CLAUSE_OPENERS = new Set(
  ('The A An And But Or So Yet If When While As At In On Of For To From By With After Before Since Because Although Though ' +
    'However He She It They We You His Her Its Their Our My This That These Those There Here What Who Why How Where Which ' +
    'Then Now Also Still Meanwhile According').split(' '),
);
/** Tokens after which a word starts a clause: quotes, brackets, a colon, a dash. */
const CLAUSE_STARTS = new Set(['"', '“', '‘', "'", '``', '(', '[', '«', ':', '--', '—', '–']);

/** The pronoun "I", or a clause opener of `CLAUSE_OPENERS` where a clause starts. */
function capitalisedByConvention(token: string, previous: string | undefined, caseClass: number): boolean {
  if (caseClass === ALL_CAPS) return token === 'I';
  return caseClass === INIT_CAP && (previous === undefined || CLAUSE_STARTS.has(previous)) && CLAUSE_OPENERS.has(token);
}

/** A letter of a script without case (Chinese, Arabic, Hebrew, ...). */
const UNCASED_LETTER = /\p{Lo}/u;

/** `charClass` and `wordCode` of every ASCII code unit, looked up instead of branched on per character. */
const ASCII_CHAR_CLASS = Uint8Array.from({ length: 128 }, (_, code) => charClass(code, '', 0));
const ASCII_WORD_CODE = Uint8Array.from({ length: 128 }, (_, code) => wordCode(code, '', 0));

function isAscii(s: string): boolean {
  for (let j = 0; j < s.length; j++) if (s.charCodeAt(j) > 127) return false;
  return true;
}

/**
 * Feature groups whose summed weights a tagger may cache, because each depends on little that recurs
 * across text (see `FeatureExtractor.groupKey`). A sentence's features list each token's groups first,
 * in this order, then the rest.
 */
export const FIRST_PASS_GROUPS = {
  /** The token's own text: word, exact form, shapes, affixes, length, the gazetteer's view of it alone. */
  intrinsic: 0,
  /** The short shapes from two before to two after, its case, position and the headline flag. */
  shapes: 1,
} as const;
export const FIRST_PASS_GROUP_COUNT = 2;

/** The features of one sentence: `hashes[offsets[i] .. offsets[i+1]]` are token i's features. */
export interface FeatureList {
  hashes: Uint32Array;
  offsets: Uint32Array;
}

/** A sentence's features as extracted for tagging, with where each token's cacheable groups end. */
export interface SentenceFeatures extends FeatureList {
  /** Per cacheable group g, where each token's features of that group end (they start where group g-1's end). */
  groupEnds: Uint32Array[];
}

/**
 * Extracts features for one document at a time: `begin(document)` analyses every token and gathers the
 * document-level evidence; `base(s)` gives sentence s's first-pass features; after `setFirstPass(tags)`,
 * `second(s)` gives the extra second-pass features. Returned arrays are views into reused buffers,
 * valid until the next call.
 */
export class FeatureExtractor {
  private capacity = 0;
  private word = new Uint32Array(0);
  private exact = new Uint32Array(0);
  private shape = new Uint32Array(0);
  private shortShape = new Uint32Array(0);
  private caseClass = new Uint8Array(0);
  private length = new Uint8Array(0);
  /** Per token: 1 when it has no capital letter and no letter of a script without case (see `isPlain`). */
  private plain = new Uint8Array(0);
  private prefix = new Uint32Array(0);
  private suffix = new Uint32Array(0);
  private wordId = new Int32Array(0);
  private gazPhrase = new Uint32Array(0);
  private gazToken = new Uint32Array(0);
  private sentenceStart = new Uint32Array(0);
  private headline = new Uint8Array(0);
  private sentenceCount = 0;
  /** Every token's text, in document order (held here so that reading one never meets an array of another shape). */
  private texts: string[] = [];
  // Per-document word ids: an open-addressing table from word hash to id, stamped per document.
  private idKeys = new Uint32Array(MIN_TOKENS * 2);
  private idValues = new Int32Array(MIN_TOKENS * 2);
  private idStamp = new Uint32Array(MIN_TOKENS * 2);
  private stamp = 0;
  private words = 0;
  private capitalisedInside = new Int32Array(0);
  private lowercase = new Int32Array(0);
  // Occurrences of each word id, grouped: positions occurrenceStart[id] .. occurrenceStart[id + 1] of `occurrences`.
  private occurrenceStart = new Int32Array(0);
  private occurrences = new Int32Array(0);
  private idFill = new Int32Array(0);
  private leftWord = new Uint32Array(0);
  private rightWord = new Uint32Array(0);
  private aggregate = new Int32Array(0);
  private firstPass: readonly Uint8Array[] = [];
  private majority = new Uint8Array(256);
  private readonly byType = new Int32Array(5);
  private buffer: Uint32Array = new Uint32Array(1 << 14);
  private offsets = new Uint32Array(256);
  private groupEnds: Uint32Array[] = Array.from({ length: FIRST_PASS_GROUP_COUNT }, () => new Uint32Array(256));

  constructor(private readonly gazetteer: Gazetteer) {}

  /**
   * Makes every per-token and per-word buffer hold n tokens. They start large enough for a long news
   * article and then double, so growing is rare: a branch first taken after V8 has optimised the code
   * that holds it throws that code away.
   */
  private ensure(n: number): void {
    if (n <= this.capacity) return;
    const size = Math.max(n, this.capacity * 2, MIN_TOKENS);
    this.capacity = size;
    // Word ids count distinct words, at most one per token.
    this.occurrences = new Int32Array(size);
    this.leftWord = new Uint32Array(size);
    this.rightWord = new Uint32Array(size);
    this.occurrenceStart = new Int32Array(size + 1);
    this.idFill = new Int32Array(size);
    this.aggregate = new Int32Array(size * TAG_COUNT);
    this.word = new Uint32Array(size);
    this.exact = new Uint32Array(size);
    this.shape = new Uint32Array(size);
    this.shortShape = new Uint32Array(size);
    this.caseClass = new Uint8Array(size);
    this.length = new Uint8Array(size);
    this.plain = new Uint8Array(size);
    this.texts = new Array<string>(size).fill('');
    this.prefix = new Uint32Array(size * 4);
    this.suffix = new Uint32Array(size * 4);
    this.wordId = new Int32Array(size);
    this.gazPhrase = new Uint32Array(size);
    this.gazToken = new Uint32Array(size);
    this.capitalisedInside = new Int32Array(size);
    this.lowercase = new Int32Array(size);
  }

  /** Analyses a document's tokens and gathers how each word is written across the document. */
  begin(sentences: readonly (readonly string[])[]): void {
    let total = 0;
    for (const s of sentences) total += s.length;
    this.ensure(total);
    if (this.sentenceStart.length < sentences.length + 1) {
      const size = Math.max(sentences.length * 2 + 1, MIN_SENTENCES);
      this.sentenceStart = new Uint32Array(size);
      this.headline = new Uint8Array(size);
    }
    this.sentenceCount = sentences.length;
    this.newWordTable(total);
    let k = 0;
    for (let s = 0; s < sentences.length; s++) {
      this.sentenceStart[s] = k;
      const tokens = sentences[s]!;
      let letters = 0;
      let caps = 0;
      for (let i = 0; i < tokens.length; i++, k++) {
        this.texts[k] = tokens[i]!;
        this.analyse(tokens[i]!, k);
        const cls = this.caseClass[k]!;
        if (capitalisedByConvention(this.texts[k]!, i === 0 ? undefined : this.texts[k - 1], cls)) this.plain[k] = 1;
        if (cls !== NO_LETTER) letters++;
        if (cls === ALL_CAPS) caps++;
      }
      // A sentence in capitals (a Reuters headline, a sports table row) tells little by its case.
      this.headline[s] = letters >= 2 && caps >= letters * 0.8 ? 1 : 0;
      this.matchGazetteer(this.sentenceStart[s]!, k);
    }
    this.sentenceStart[sentences.length] = k;
    this.indexOccurrences(sentences.length, k);
    this.capitalisedInside.fill(0, 0, this.words);
    this.lowercase.fill(0, 0, this.words);
    for (let s = 0; s < sentences.length; s++) {
      if (this.headline[s]) continue;
      for (let t = this.sentenceStart[s]! + 1; t < this.sentenceStart[s + 1]!; t++) {
        const cls = this.caseClass[t]!;
        if (cls === INIT_CAP) this.capitalisedInside[this.wordId[t]!]!++;
        else if (cls === LOWER) this.lowercase[this.wordId[t]!]!++;
      }
    }
  }

  /** Groups token positions by word id, and records each token's neighbouring words within its sentence. */
  private indexOccurrences(sentenceCount: number, total: number): void {
    const start = this.occurrenceStart;
    start.fill(0, 0, this.words + 1);
    for (let t = 0; t < total; t++) start[this.wordId[t]! + 1]!++;
    for (let id = 0; id < this.words; id++) start[id + 1]! += start[id]!;
    const fill = this.idFill;
    fill.set(start.subarray(0, this.words));
    for (let t = 0; t < total; t++) this.occurrences[fill[this.wordId[t]!]!++] = t;
    for (let s = 0; s < sentenceCount; s++) {
      const from = this.sentenceStart[s]!;
      const to = this.sentenceStart[s + 1]!;
      for (let t = from; t < to; t++) {
        this.leftWord[t] = t > from ? this.word[t - 1]! : BOUNDARY;
        this.rightWord[t] = t + 1 < to ? this.word[t + 1]! : BOUNDARY;
      }
    }
  }

  private newWordTable(tokens: number): void {
    let size = this.idKeys.length;
    if (size < tokens * 2) {
      while (size < tokens * 2) size <<= 1;
      this.idKeys = new Uint32Array(size);
      this.idValues = new Int32Array(size);
      this.idStamp = new Uint32Array(size);
    }
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    if (this.stamp === 1) this.idStamp.fill(0);
    this.words = 0;
  }

  private idOf(hash: number): number {
    const mask = this.idKeys.length - 1;
    let slot = hash & mask;
    for (;;) {
      if (this.idStamp[slot] !== this.stamp) {
        this.idStamp[slot] = this.stamp;
        this.idKeys[slot] = hash;
        this.idValues[slot] = this.words;
        return this.words++;
      }
      if (this.idKeys[slot] === hash) return this.idValues[slot]!;
      slot = (slot + 1) & mask;
    }
  }

  private analyse(token: string, k: number): void {
    const ascii = isAscii(token);
    const s = ascii ? token : normalizeToken(token);
    let exact = 0x811c9dc5;
    let word = 0x811c9dc5;
    let shortShape = 0x811c9dc5;
    let last = -1;
    let upper = 0;
    let lower = 0;
    let firstLetterUpper = -1;
    const len = s.length;
    for (let j = 0; j < len; j++) {
      const code = s.charCodeAt(j);
      exact = Math.imul(exact ^ code, 0x01000193);
      const ascii = code < 128;
      const wc = ascii ? ASCII_WORD_CODE[code]! : wordCode(code, s, j);
      word = Math.imul(word ^ wc, 0x01000193);
      const cls = ascii ? ASCII_CHAR_CLASS[code]! : charClass(code, s, j);
      if (cls === UPPER_CHAR) {
        upper++;
        if (firstLetterUpper < 0) firstLetterUpper = 1;
      } else if (cls === LOWER_CHAR) {
        lower++;
        if (firstLetterUpper < 0) firstLetterUpper = 0;
      }
      if (cls !== last) shortShape = Math.imul(shortShape ^ cls, 0x01000193);
      last = cls;
    }
    this.exact[k] = exact >>> 0 || 1;
    const wordHash = word >>> 0 || 1;
    this.word[k] = wordHash;
    this.wordId[k] = this.idOf(wordHash);
    this.shortShape[k] = shortShape >>> 0;
    this.caseClass[k] =
      upper + lower === 0
        ? NO_LETTER
        : upper === 0
          ? LOWER
          : lower === 0
            ? ALL_CAPS
            : firstLetterUpper === 1 && upper === 1
              ? INIT_CAP
              : MIXED;
    this.length[k] = len > 15 ? 15 : len;
    this.plain[k] = upper === 0 && (ascii || !UNCASED_LETTER.test(token)) ? 1 : 0;
  }

  /** How many tokens sentence s has. */
  sentenceLength(s: number): number {
    return this.sentenceStart[s + 1]! - this.sentenceStart[s]!;
  }

  /**
   * Whether token i of sentence s is plain: no capital letter, and no letter of a script without case
   * (whose names have no capitals to show); or a capital only by convention (the pronoun "I", "The" or
   * "But" opening a sentence or quotation). Names are written with capitals, so the tagger labels
   * stretches of plain tokens O without scoring them (see `TwoPassTagger`).
   */
  isPlain(s: number, i: number): boolean {
    return this.plain[this.sentenceStart[s]! + i] === 1;
  }

  /**
   * Token t's long shape and its prefixes and suffixes of 1-4 characters: only its intrinsic features
   * use them, which the tagger usually has cached, so they are worked out when those features are.
   */
  private analyseAffixes(t: number, token: string): void {
    const s = isAscii(token) ? token : normalizeToken(token);
    const len = s.length;
    let word = 0x811c9dc5;
    let shape = 0x811c9dc5;
    let last = -1;
    let run = 0;
    for (let j = 0; j < len; j++) {
      const code = s.charCodeAt(j);
      word = Math.imul(word ^ wordCode(code, s, j), 0x01000193);
      if (j < 4) this.prefix[t * 4 + j] = word >>> 0 || 1;
      const cls = charClass(code, s, j);
      run = cls === last ? run + 1 : 1;
      if (run <= 4) shape = Math.imul(shape ^ cls, 0x01000193);
      last = cls;
    }
    for (let j = len; j < 4; j++) this.prefix[t * 4 + j] = 0;
    let suffix = 0x811c9dc5;
    for (let j = 0; j < 4; j++) {
      if (j < len) {
        suffix = Math.imul(suffix ^ wordCode(s.charCodeAt(len - 1 - j), s, len - 1 - j), 0x01000193);
        this.suffix[t * 4 + j] = suffix >>> 0 || 1;
      } else this.suffix[t * 4 + j] = 0;
    }
    this.shape[t] = shape >>> 0;
  }

  /** Per token: bit mask of (type * 4 + part) of the known names it sits in, and what it is alone. */
  private matchGazetteer(from: number, to: number): void {
    const gaz = this.gazetteer;
    const phrase = this.gazPhrase;
    phrase.fill(0, from, to);
    for (let start = from; start < to; start++) {
      const value = gaz.lookup(this.exact[start]!);
      this.gazToken[start] = value >>> TOKEN_SHIFT;
      if (value === 0) continue;
      mark(phrase, start, start + 1, value & PHRASE_TYPES);
      if ((value & IS_PREFIX) === 0) continue;
      let hash = this.exact[start]!;
      for (let end = start + 2; end <= to && end - start <= MAX_PHRASE; end++) {
        hash = phraseHash(hash, this.exact[end - 1]!);
        const next = gaz.lookup(hash);
        mark(phrase, start, end, next & PHRASE_TYPES);
        if ((next & IS_PREFIX) === 0) break;
      }
    }
  }

  private grow(k: number): Uint32Array {
    if (this.buffer.length < k + 256) {
      const bigger = new Uint32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    return this.buffer;
  }

  private offsetsFor(n: number): Uint32Array {
    if (this.offsets.length < n + 1) this.offsets = new Uint32Array(n * 2 + 1);
    return this.offsets;
  }

  /**
   * First-pass features of sentence `s` of the current document (of its `count` tokens from `first`;
   * all by default): each token's groups of `FIRST_PASS_GROUPS`, then the rest. A token flagged in
   * `skipIntrinsic` or `skipShapes` gets no features of that group (the caller has their summed weights
   * cached). Indexes of the result and of the flags count from `first`.
   */
  base(s: number, skipIntrinsic?: Uint8Array, skipShapes?: Uint8Array, first = 0, count = -1): SentenceFeatures {
    const from = this.sentenceStart[s]!;
    const to = this.sentenceStart[s + 1]!;
    const lo = from + first;
    const hi = count < 0 ? to : lo + count;
    const n = hi - lo;
    const offsets = this.offsetsFor(n);
    const ends = this.groupEndsFor(n);
    const [intrinsicEnd, shapesEnd] = ends as [Uint32Array, Uint32Array];
    const isHeadline = this.headline[s] === 1;
    const headFlag = isHeadline ? 1 : s === 0 ? 2 : 0;
    let buf = this.buffer;
    let k = 0;
    for (let t = lo; t < hi; t++) {
      buf = this.grow(k);
      offsets[t - lo] = k;
      const word = this.word[t]!;
      const shortShape = this.shortShape[t]!;
      const cls = this.caseClass[t]!;
      const lowerCase = cls === LOWER ? 1 : 0;
      if (skipIntrinsic === undefined || skipIntrinsic[t - lo] === 0) {
        this.analyseAffixes(t, this.texts[t]!);
        buf[k++] = feature(T_BIAS, 0);
        buf[k++] = feature(T_WORD, word);
        buf[k++] = feature(T_EXACT, this.exact[t]!);
        buf[k++] = feature(T_SHAPE, this.shape[t]!);
        buf[k++] = feature(T_SHORT_SHAPE, shortShape);
        for (let p = 0; p < 4; p++) {
          const prefix = this.prefix[t * 4 + p]!;
          if (prefix === 0) break;
          buf[k++] = feature(T_PREFIX + p, prefix);
          buf[k++] = feature(T_SUFFIX + p, this.suffix[t * 4 + p]!);
        }
        buf[k++] = feature2(T_LENGTH, this.length[t]!, cls);
        for (let bits = this.gazToken[t]!; bits !== 0; bits &= bits - 1) {
          buf[k++] = feature2(T_GAZ_TOKEN, 31 - Math.clz32(bits & -bits), lowerCase);
        }
      }
      intrinsicEnd[t - lo] = k;
      const wordL1 = t - 1 >= from ? this.word[t - 1]! : BOUNDARY;
      const wordR1 = t + 1 < to ? this.word[t + 1]! : BOUNDARY;
      const ssL1 = t - 1 >= from ? this.shortShape[t - 1]! : BOUNDARY_SHAPE;
      const ssL2 = t - 2 >= from ? this.shortShape[t - 2]! : BOUNDARY_SHAPE;
      const ssR1 = t + 1 < to ? this.shortShape[t + 1]! : BOUNDARY_SHAPE;
      const ssR2 = t + 2 < to ? this.shortShape[t + 2]! : BOUNDARY_SHAPE;
      if (skipShapes === undefined || skipShapes[t - lo] === 0) {
        buf[k++] = feature(T_SHORT_SHAPE_AT, ssL2);
        buf[k++] = feature(T_SHORT_SHAPE_AT + 1, ssL1);
        buf[k++] = feature(T_SHORT_SHAPE_AT + 2, ssR1);
        buf[k++] = feature(T_SHORT_SHAPE_AT + 3, ssR2);
        buf[k++] = feature2(T_SHAPE_TRIGRAM, mix(ssL1, shortShape), ssR1);
        buf[k++] = feature(T_FIRST, (t === from ? 8 : 0) | cls);
        buf[k++] = feature2(T_HEADLINE, headFlag, shortShape);
      }
      shapesEnd[t - lo] = k;
      buf[k++] = feature(T_WORD_AT + 1, wordL1);
      buf[k++] = feature(T_WORD_AT + 2, wordR1);
      buf[k++] = feature2(T_BIGRAM_LEFT, wordL1, word);
      buf[k++] = feature2(T_BIGRAM_RIGHT, word, wordR1);
      buf[k++] = feature2(T_LEFT_WORD_SHAPE, wordL1, shortShape);
      buf[k++] = feature2(T_SHAPE_RIGHT_WORD, shortShape, wordR1);
      buf[k++] = feature2(T_EXACT_LEFT, t > from ? this.exact[t - 1]! : BOUNDARY, cls);
      if (cls !== NO_LETTER) {
        const id = this.wordId[t]!;
        let cap = this.capitalisedInside[id]!;
        let low = this.lowercase[id]!;
        // Leave out this very occurrence: the feature says what the rest of the document shows.
        if (t > from && !isHeadline) {
          if (cls === INIT_CAP) cap--;
          else if (cls === LOWER) low--;
        }
        const evidence = (cap > 0 ? 1 : 0) | (low > 0 ? 2 : 0);
        const position = t === from ? 1 : isHeadline ? 2 : 0;
        buf[k++] = feature(T_DOC_CASE, evidence | (cls << 2) | (position << 5));
        if (evidence === 1 || evidence === 2) buf[k++] = feature2(T_DOC_CASE_WORD, evidence | (position << 2), word);
      }
      if (cls !== NO_LETTER && cls !== LOWER) {
        // Context aggregation (Ratinov & Roth): the words around the same word's other occurrences.
        const id = this.wordId[t]!;
        const end = Math.min(this.occurrenceStart[id + 1]!, this.occurrenceStart[id]! + MAX_OCCURRENCES + 1);
        for (let o = this.occurrenceStart[id]!; o < end; o++) {
          const u = this.occurrences[o]!;
          if (u === t) continue;
          buf[k++] = feature(T_CONTEXT_LEFT, this.leftWord[u]!);
          buf[k++] = feature(T_CONTEXT_RIGHT, this.rightWord[u]!);
        }
      }
      for (let bits = this.gazPhrase[t]!; bits !== 0; bits &= bits - 1) {
        buf[k++] = feature2(T_GAZ_PHRASE, 31 - Math.clz32(bits & -bits), lowerCase);
      }
      if (t > from) {
        for (let bits = this.gazPhrase[t - 1]!; bits !== 0; bits &= bits - 1) buf[k++] = feature(T_GAZ_LEFT, 31 - Math.clz32(bits & -bits));
      }
      if (t + 1 < to) {
        for (let bits = this.gazPhrase[t + 1]!; bits !== 0; bits &= bits - 1) buf[k++] = feature(T_GAZ_RIGHT, 31 - Math.clz32(bits & -bits));
      }
    }
    offsets[n] = k;
    // An array literal, as in `second`: group ends of either pass then have one shape for V8.
    return { hashes: buf.subarray(0, k), offsets: offsets.subarray(0, n + 1), groupEnds: [intrinsicEnd.subarray(0, n), shapesEnd.subarray(0, n)] };
  }

  private groupEndsFor(n: number): Uint32Array[] {
    if (this.groupEnds[0]!.length < n) this.groupEnds = this.groupEnds.map(() => new Uint32Array(n * 2));
    return this.groupEnds;
  }

  /**
   * A hash of everything the features of cacheable group `group` of token i of sentence `s` depend on
   * (first-pass groups of `FIRST_PASS_GROUPS`, or the second pass's label window). `check` selects a
   * second, independent hash of the same, which a cache compares too, so two different contexts are
   * never taken for each other.
   */
  groupKey(secondPass: boolean, group: number, s: number, i: number, check: boolean): number {
    if (secondPass) return this.labelWindow(s, i, check);
    const t = this.sentenceStart[s]! + i;
    if (group === FIRST_PASS_GROUPS.intrinsic) return check ? this.textCheck(t) : this.exact[t]!;
    return this.shapeContext(s, t, check);
  }

  /**
   * A hash of token t's shape context: the short shapes from two before to two after, its case class,
   * whether it starts the sentence, the headline flag.
   */
  private shapeContext(s: number, t: number, check: boolean): number {
    const from = this.sentenceStart[s]!;
    const to = this.sentenceStart[s + 1]!;
    const ssL1 = t - 1 >= from ? this.shortShape[t - 1]! : BOUNDARY_SHAPE;
    const ssL2 = t - 2 >= from ? this.shortShape[t - 2]! : BOUNDARY_SHAPE;
    const ssR1 = t + 1 < to ? this.shortShape[t + 1]! : BOUNDARY_SHAPE;
    const ssR2 = t + 2 < to ? this.shortShape[t + 2]! : BOUNDARY_SHAPE;
    const sentenceFlag = this.headline[s] === 1 ? 1 : s === 0 ? 2 : 0;
    const flags = sentenceFlag | ((t === from ? 1 : 0) << 2) | (this.caseClass[t]! << 3);
    return mix(mix(mix(mix(mix(check ? 0x27d4eb2f : 0x165667b1, ssL2), ssL1), this.shortShape[t]!), mix(ssR1, ssR2)), flags);
  }

  /** A second hash of token t's text, beside its exact form's. */
  private textCheck(t: number): number {
    return (this.word[t]! ^ this.length[t]!) >>> 0;
  }

  /** Hash of the first-pass tags of sentence `s` from token i-2 to i+2 (outside the sentence: none). */
  private labelWindow(s: number, i: number, check: boolean): number {
    const tags = this.firstPass[s]!;
    const n = tags.length;
    let packed = 0;
    for (let j = i - 2; j <= i + 2; j++) packed = packed * 32 + (j < 0 || j >= n ? 31 : tags[j]!);
    return mix(check ? 0x3c6ef372 : 0x1f83d9ab, packed);
  }

  /** Records the first pass's BILOU tags of every sentence of the current document. */
  setFirstPass(tags: readonly Uint8Array[]): void {
    this.firstPass = tags;
    const size = this.words * TAG_COUNT;
    this.aggregate.fill(0, 0, size);
    for (let s = 0; s < this.sentenceCount; s++) {
      const sentence = tags[s]!;
      const from = this.sentenceStart[s]!;
      for (let i = 0; i < sentence.length; i++) this.aggregate[this.wordId[from + i]! * TAG_COUNT + sentence[i]!]!++;
    }
  }

  /**
   * Second-pass features of sentence `s` (of its `count` tokens from `first`; all by default, and indexes
   * of the result and of `skipWindow` count from `first`): first-pass labels nearby and of the same word elsewhere. Each
   * token's label-window features (of the first-pass tags from two before to two after) come first, as
   * the one cacheable group; tokens flagged in `skipWindow` get none.
   */
  second(s: number, skipWindow?: Uint8Array, first = 0, count = -1): SentenceFeatures {
    const from = this.sentenceStart[s]!;
    const to = this.sentenceStart[s + 1]!;
    const n = to - from;
    const end = count < 0 ? n : first + count;
    const pass1 = this.firstPass[s]!;
    const offsets = this.offsetsFor(end - first);
    const headFlag = this.headline[s] === 1 ? 1 : s === 0 ? 2 : 0;
    const windowEnd = this.groupEndsFor(end - first)[0]!;
    if (this.majority.length < n) this.majority = new Uint8Array(n * 2);
    const majority = this.majority;
    // The type the first pass gave this word most often elsewhere in the document (4: O, NO_TAG: never
    // seen), for the tokens asked for and their neighbours.
    for (let i = Math.max(0, first - 1); i < Math.min(n, end + 1); i++) {
      const t = from + i;
      const cls = this.caseClass[t]!;
      majority[i] = NO_TAG;
      if (cls === NO_LETTER || cls === LOWER) continue;
      const base = this.wordId[t]! * TAG_COUNT;
      const own = pass1[i]!;
      let best = -1;
      let bestCount = 0;
      const byType = this.byType;
      byType.fill(0);
      for (let tag = 0; tag < TAG_COUNT; tag++) {
        const count = this.aggregate[base + tag]! - (tag === own ? 1 : 0);
        if (count > 0) byType[tag === 0 ? 4 : tagType(tag)]! += count;
      }
      for (let type = 0; type < 5; type++) {
        if (byType[type]! > bestCount) {
          best = type;
          bestCount = byType[type]!;
        }
      }
      if (best >= 0) majority[i] = best;
    }
    let buf = this.buffer;
    let k = 0;
    for (let i = first; i < end; i++) {
      buf = this.grow(k);
      offsets[i - first] = k;
      if (skipWindow === undefined || skipWindow[i - first] === 0) {
        for (let d = -2; d <= 2; d++) {
          const j = i + d;
          buf[k++] = feature(T_PASS1_AT + d + 2, j < 0 || j >= n ? NO_TAG : pass1[j]!);
        }
        buf[k++] = feature2(T_PASS1_PAIR, i > 0 ? pass1[i - 1]! : NO_TAG, i + 1 < n ? pass1[i + 1]! : NO_TAG);
      }
      windowEnd[i - first] = k;
      const left = i > 0 ? majority[i - 1]! : NO_TAG;
      const right = i + 1 < n ? majority[i + 1]! : NO_TAG;
      if (left !== NO_TAG || right !== NO_TAG) buf[k++] = feature2(T_AGG_NEIGHBOURS, left, right);
      const best = majority[i]!;
      if (best === NO_TAG) continue;
      const t = from + i;
      const base = this.wordId[t]! * TAG_COUNT;
      const own = pass1[i]!;
      for (let tag = 1; tag < TAG_COUNT; tag++) {
        if (this.aggregate[base + tag]! - (tag === own ? 1 : 0) > 0) buf[k++] = feature(T_AGG_TAG, tag);
      }
      buf[k++] = feature(T_AGG_TYPE, best);
      buf[k++] = feature2(T_AGG_TYPE_CASE, best, this.caseClass[t]! | (headFlag << 3));
    }
    offsets[end - first] = k;
    return { hashes: buf.subarray(0, k), offsets: offsets.subarray(0, end - first + 1), groupEnds: [windowEnd.subarray(0, end - first)] };
  }

  /** Copies of every sentence's features of a document (for training, which keeps them). */
  document(sentences: readonly (readonly string[])[], firstPass?: readonly Uint8Array[]): FeatureList[] {
    this.begin(sentences);
    if (firstPass) this.setFirstPass(firstPass);
    return sentences.map((_, s) => {
      const f = firstPass ? this.second(s) : this.base(s);
      return { hashes: f.hashes.slice(), offsets: f.offsets.slice() };
    });
  }
}

function mark(phrase: Uint32Array, start: number, end: number, types: number): void {
  for (let type = 0; type < 4; type++) {
    if (((types >> type) & 1) === 0) continue;
    if (end - start === 1) phrase[start]! |= 1 << (type * 4 + 3);
    else {
      phrase[start]! |= 1 << (type * 4);
      for (let i = start + 1; i < end - 1; i++) phrase[i]! |= 1 << (type * 4 + 1);
      phrase[end - 1]! |= 1 << (type * 4 + 2);
    }
  }
}
