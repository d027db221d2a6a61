import type { Gazetteer } from './gazetteer.ts';
import { normalizeToken } from './normalize.ts';
import { TAG_COUNT, tagType } from './tags.ts';

/**
 * Feature extraction. Every feature is a 32-bit hash of (template, value), computed from per-token
 * hashes without building feature strings, so tagging allocates little per token.
 */

// Feature templates. Changing any of these changes the model: bump MODEL_FORMAT in model.ts.
const T_BIAS = 1;
const T_WORD = 2;
const T_EXACT = 3;
const T_WORD_AT = 4; // + offset index 0..3 for -2, -1, +1, +2
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
const T_GAZ_PHRASE = 50;
const T_GAZ_TOKEN = 51;
const T_GAZ_LEFT = 52;
const T_GAZ_RIGHT = 53;
const T_PASS1_AT = 60; // + 0..4 for -2..+2
const T_PASS1_PAIR = 65;
const T_AGG_TAG = 70;
const T_AGG_TYPE = 71;
const T_AGG_TYPE_CASE = 72;

// Case classes of a token.
const NO_LETTER = 0;
const LOWER = 1;
const INIT_CAP = 2;
const ALL_CAPS = 3;
const MIXED = 4;

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function feature(template: number, value: number): number {
  return mix(template, value) || 1;
}
function feature2(template: number, a: number, b: number): number {
  return mix(mix(template, a), b) || 1;
}

function charClass(code: number, ch: string): number {
  if (code >= 65 && code <= 90) return 88; // X
  if (code >= 97 && code <= 122) return 120; // x
  if (code >= 48 && code <= 57) return 100; // d
  if (code < 128) return code;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower !== ch) return 88;
  if (upper !== ch) return 120;
  return /\p{L}/u.test(ch) ? 120 : /\p{N}/u.test(ch) ? 100 : code;
}

/** Per-sentence scratch: hashes of each token's properties, reused across sentences. */
class Lexical {
  capacity = 0;
  word!: Uint32Array;
  exact!: Uint32Array;
  shape!: Uint32Array;
  shortShape!: Uint32Array;
  caseClass!: Uint8Array;
  length!: Uint8Array;
  prefix!: Uint32Array; // 4 per token
  suffix!: Uint32Array; // 4 per token
  normal: string[] = [];
  lower: string[] = [];

  ensure(n: number): void {
    if (n <= this.capacity) return;
    const size = Math.max(n, this.capacity * 2, 64);
    this.capacity = size;
    this.word = new Uint32Array(size);
    this.exact = new Uint32Array(size);
    this.shape = new Uint32Array(size);
    this.shortShape = new Uint32Array(size);
    this.caseClass = new Uint8Array(size);
    this.length = new Uint8Array(size);
    this.prefix = new Uint32Array(size * 4);
    this.suffix = new Uint32Array(size * 4);
  }
}

/** Lowercase with digits folded to 0, so "1996" and "2024" share a word feature. */
function wordKey(lower: string): string {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 48 && c <= 57) return lower.replace(/[0-9]/g, '0');
  }
  return lower;
}

function analyse(tokens: readonly string[], lex: Lexical): void {
  const n = tokens.length;
  lex.ensure(n);
  lex.normal.length = n;
  lex.lower.length = n;
  for (let i = 0; i < n; i++) {
    const normal = normalizeToken(tokens[i]!);
    const lower = normal.toLowerCase();
    lex.normal[i] = normal;
    lex.lower[i] = lower;
    lex.word[i] = hashString(wordKey(lower));
    lex.exact[i] = hashString(normal);
    let shape = 0x811c9dc5;
    let shortShape = 0x811c9dc5;
    let last = -1;
    let run = 0;
    let upper = 0;
    let lowerCount = 0;
    let firstLetterUpper = -1;
    for (let j = 0; j < normal.length; j++) {
      const code = normal.charCodeAt(j);
      const cls = code < 128 ? charClass(code, '') : charClass(code, normal[j]!);
      if (cls === 88) {
        upper++;
        if (firstLetterUpper < 0) firstLetterUpper = 1;
      } else if (cls === 120) {
        lowerCount++;
        if (firstLetterUpper < 0) firstLetterUpper = 0;
      }
      if (cls === last) run++;
      else {
        run = 1;
        shortShape = Math.imul(shortShape ^ cls, 0x01000193);
      }
      if (run <= 4) shape = Math.imul(shape ^ cls, 0x01000193);
      last = cls;
    }
    lex.shape[i] = shape >>> 0;
    lex.shortShape[i] = shortShape >>> 0;
    lex.caseClass[i] =
      upper + lowerCount === 0
        ? NO_LETTER
        : upper === 0
          ? LOWER
          : lowerCount === 0
            ? ALL_CAPS
            : firstLetterUpper === 1 && upper === 1
              ? INIT_CAP
              : MIXED;
    lex.length[i] = normal.length > 15 ? 15 : normal.length;
    let h = 0x811c9dc5;
    const len = lower.length;
    for (let k = 0; k < 4; k++) {
      if (k < len) h = Math.imul(h ^ lower.charCodeAt(k), 0x01000193);
      lex.prefix[i * 4 + k] = k < len ? h >>> 0 : 0;
    }
    h = 0x811c9dc5;
    for (let k = 0; k < 4; k++) {
      if (k < len) h = Math.imul(h ^ lower.charCodeAt(len - 1 - k), 0x01000193);
      lex.suffix[i * 4 + k] = k < len ? h >>> 0 : 0;
    }
  }
}

/** The features of one sentence: `hashes[offsets[i] .. offsets[i+1]]` are token i's features. */
export interface SentenceFeatures {
  hashes: Uint32Array;
  offsets: Uint32Array;
}

/** Labels of the first pass, which the second pass sees. */
export interface FirstPass {
  /** BILOU tag indexes per sentence. */
  tags: Uint8Array[];
}

/** Per-document statistics on how each word is capitalised away from sentence starts and headlines. */
interface DocCase {
  capitalisedInside: number;
  lowercase: number;
}

const BOUNDARY = 0x2545f491;
const BOUNDARY_SHAPE = 0x1b873593;

export class FeatureExtractor {
  private readonly lex = new Lexical();
  private buffer = new Uint32Array(4096);
  private gazPhrase = new Uint32Array(256);

  constructor(private readonly gazetteer: Gazetteer) {}

  /**
   * The features of every sentence of a document. With `firstPass`, only the second-pass features: the
   * first pass's labels around each token and aggregated over the document; the second-pass model scores
   * both sets.
   */
  document(sentences: readonly (readonly string[])[], firstPass?: FirstPass): SentenceFeatures[] {
    const headline = sentences.map(isHeadline);
    const docCase = new Map<string, DocCase>();
    for (let s = 0; s < sentences.length; s++) {
      if (headline[s]) continue;
      const tokens = sentences[s]!;
      for (let i = 1; i < tokens.length; i++) {
        const normal = normalizeToken(tokens[i]!);
        const cls = quickCase(normal);
        if (cls !== INIT_CAP && cls !== LOWER) continue;
        const key = normal.toLowerCase();
        let entry = docCase.get(key);
        if (!entry) docCase.set(key, (entry = { capitalisedInside: 0, lowercase: 0 }));
        if (cls === INIT_CAP) entry.capitalisedInside++;
        else entry.lowercase++;
      }
    }
    let aggregate: Map<string, Int32Array> | undefined;
    if (firstPass) {
      aggregate = new Map();
      for (let s = 0; s < sentences.length; s++) {
        const tokens = sentences[s]!;
        const tags = firstPass.tags[s]!;
        for (let i = 0; i < tokens.length; i++) {
          const key = normalizeToken(tokens[i]!).toLowerCase();
          let counts = aggregate.get(key);
          if (!counts) aggregate.set(key, (counts = new Int32Array(TAG_COUNT)));
          counts[tags[i]!]!++;
        }
      }
    }
    return sentences.map((tokens, s) =>
      this.sentence(tokens, s === 0 || headline[s]!, headline[s]!, docCase, firstPass?.tags[s], aggregate),
    );
  }

  private sentence(
    tokens: readonly string[],
    isTitle: boolean,
    isHeadline: boolean,
    docCase: Map<string, DocCase>,
    pass1: Uint8Array | undefined,
    aggregate: Map<string, Int32Array> | undefined,
  ): SentenceFeatures {
    const n = tokens.length;
    const lex = this.lex;
    analyse(tokens, lex);
    // Gazetteer phrase matches: per token, a bit mask of (type * 4 + part).
    if (this.gazPhrase.length < n) this.gazPhrase = new Uint32Array(n * 2);
    const gazPhrase = this.gazPhrase;
    gazPhrase.fill(0, 0, n);
    if (!pass1) this.gazetteer.matches(lex.normal, (start, end, typeMask) => {
      for (let type = 0; type < 4; type++) {
        if (((typeMask >> type) & 1) === 0) continue;
        if (end - start === 1) gazPhrase[start]! |= 1 << (type * 4 + 3);
        else {
          gazPhrase[start]! |= 1 << (type * 4);
          for (let i = start + 1; i < end - 1; i++) gazPhrase[i]! |= 1 << (type * 4 + 1);
          gazPhrase[end - 1]! |= 1 << (type * 4 + 2);
        }
      }
    });
    const offsets = new Uint32Array(n + 1);
    let buf = this.buffer;
    let k = 0;
    const headFlag = isHeadline ? 1 : isTitle ? 2 : 0;
    for (let i = 0; i < n; i++) {
      if (buf.length < k + 128) {
        const bigger = new Uint32Array(buf.length * 2);
        bigger.set(buf);
        this.buffer = buf = bigger;
      }
      offsets[i] = k;
      const word = lex.word[i]!;
      const shortShape = lex.shortShape[i]!;
      const cls = lex.caseClass[i]!;
      const wordL1 = i > 0 ? lex.word[i - 1]! : BOUNDARY;
      const wordL2 = i > 1 ? lex.word[i - 2]! : BOUNDARY;
      const wordR1 = i + 1 < n ? lex.word[i + 1]! : BOUNDARY;
      const wordR2 = i + 2 < n ? lex.word[i + 2]! : BOUNDARY;
      const ssL1 = i > 0 ? lex.shortShape[i - 1]! : BOUNDARY_SHAPE;
      const ssL2 = i > 1 ? lex.shortShape[i - 2]! : BOUNDARY_SHAPE;
      const ssR1 = i + 1 < n ? lex.shortShape[i + 1]! : BOUNDARY_SHAPE;
      const ssR2 = i + 2 < n ? lex.shortShape[i + 2]! : BOUNDARY_SHAPE;
      if (!pass1) {
      buf[k++] = feature(T_BIAS, 0);
      buf[k++] = feature(T_WORD, word);
      buf[k++] = feature(T_EXACT, lex.exact[i]!);
      buf[k++] = feature(T_WORD_AT, wordL2);
      buf[k++] = feature(T_WORD_AT + 1, wordL1);
      buf[k++] = feature(T_WORD_AT + 2, wordR1);
      buf[k++] = feature(T_WORD_AT + 3, wordR2);
      buf[k++] = feature2(T_BIGRAM_LEFT, wordL1, word);
      buf[k++] = feature2(T_BIGRAM_RIGHT, word, wordR1);
      buf[k++] = feature(T_SHAPE, lex.shape[i]!);
      buf[k++] = feature(T_SHORT_SHAPE, shortShape);
      buf[k++] = feature(T_SHORT_SHAPE_AT, ssL2);
      buf[k++] = feature(T_SHORT_SHAPE_AT + 1, ssL1);
      buf[k++] = feature(T_SHORT_SHAPE_AT + 2, ssR1);
      buf[k++] = feature(T_SHORT_SHAPE_AT + 3, ssR2);
      buf[k++] = feature2(T_SHAPE_TRIGRAM, mix(ssL1, shortShape), ssR1);
      for (let p = 0; p < 4; p++) {
        const prefix = lex.prefix[i * 4 + p]!;
        if (prefix === 0) break;
        buf[k++] = feature(T_PREFIX + p, prefix);
        buf[k++] = feature(T_SUFFIX + p, lex.suffix[i * 4 + p]!);
      }
      buf[k++] = feature(T_FIRST, (i === 0 ? 8 : 0) | cls);
      buf[k++] = feature2(T_HEADLINE, headFlag, shortShape);
      buf[k++] = feature2(T_LEFT_WORD_SHAPE, wordL1, shortShape);
      buf[k++] = feature2(T_SHAPE_RIGHT_WORD, shortShape, wordR1);
      buf[k++] = feature2(T_LENGTH, lex.length[i]!, cls);
      buf[k++] = feature2(T_EXACT_LEFT, i > 0 ? lex.exact[i - 1]! : BOUNDARY, cls);
      if (cls !== NO_LETTER) {
        const stats = docCase.get(lex.lower[i]!);
        let cap = stats ? stats.capitalisedInside : 0;
        let low = stats ? stats.lowercase : 0;
        // Leave out this very occurrence: the feature says what the rest of the document shows.
        if (i > 0 && !isHeadline) {
          if (cls === INIT_CAP) cap--;
          else if (cls === LOWER) low--;
        }
        const evidence = (cap > 0 ? 1 : 0) | (low > 0 ? 2 : 0);
        const position = i === 0 ? 1 : isHeadline ? 2 : 0;
        buf[k++] = feature(T_DOC_CASE, evidence | (cls << 2) | (position << 5));
        if (evidence === 1 || evidence === 2) buf[k++] = feature2(T_DOC_CASE_WORD, evidence | (position << 2), word);
      }
      const gazBits = gazPhrase[i]!;
      for (let bits = gazBits; bits !== 0; bits &= bits - 1) {
        buf[k++] = feature2(T_GAZ_PHRASE, 31 - Math.clz32(bits & -bits), cls === LOWER ? 1 : 0);
      }
      const tokBits = this.gazetteer.tokenMask(lex.normal[i]!);
      for (let bits = tokBits; bits !== 0; bits &= bits - 1) {
        buf[k++] = feature2(T_GAZ_TOKEN, 31 - Math.clz32(bits & -bits), cls === LOWER ? 1 : 0);
      }
      if (i > 0) for (let bits = gazPhrase[i - 1]!; bits !== 0; bits &= bits - 1) buf[k++] = feature(T_GAZ_LEFT, 31 - Math.clz32(bits & -bits));
      if (i + 1 < n) for (let bits = gazPhrase[i + 1]!; bits !== 0; bits &= bits - 1) buf[k++] = feature(T_GAZ_RIGHT, 31 - Math.clz32(bits & -bits));
      }
      if (pass1 && aggregate) {
        for (let d = -2; d <= 2; d++) {
          const j = i + d;
          const tag = j < 0 || j >= n ? 255 : pass1[j]!;
          buf[k++] = feature(T_PASS1_AT + d + 2, tag);
        }
        buf[k++] = feature2(T_PASS1_PAIR, i > 0 ? pass1[i - 1]! : 255, i + 1 < n ? pass1[i + 1]! : 255);
        if (cls !== NO_LETTER && cls !== LOWER) {
          const counts = aggregate.get(lex.lower[i]!);
          if (counts) {
            const own = pass1[i]!;
            const byType = [0, 0, 0, 0, 0];
            for (let t = 0; t < TAG_COUNT; t++) {
              const c = counts[t]! - (t === own ? 1 : 0);
              if (c <= 0) continue;
              if (t > 0) buf[k++] = feature(T_AGG_TAG, t);
              byType[t === 0 ? 4 : tagType(t)]! += c;
            }
            let best = -1;
            let bestCount = 0;
            for (let t = 0; t < 5; t++) {
              if (byType[t]! > bestCount) {
                best = t;
                bestCount = byType[t]!;
              }
            }
            if (best >= 0) {
              buf[k++] = feature(T_AGG_TYPE, best);
              buf[k++] = feature2(T_AGG_TYPE_CASE, best, cls | (headFlag << 3));
            }
          }
        }
      }
    }
    offsets[n] = k;
    return { hashes: buf.slice(0, k), offsets };
  }
}

function quickCase(token: string): number {
  let upper = 0;
  let lower = 0;
  let firstUpper = -1;
  for (let j = 0; j < token.length; j++) {
    const code = token.charCodeAt(j);
    const cls = charClass(code, code < 128 ? '' : token[j]!);
    if (cls === 88) {
      upper++;
      if (firstUpper < 0) firstUpper = 1;
    } else if (cls === 120) {
      lower++;
      if (firstUpper < 0) firstUpper = 0;
    }
  }
  if (upper + lower === 0) return NO_LETTER;
  if (upper === 0) return LOWER;
  if (lower === 0) return ALL_CAPS;
  return firstUpper === 1 && upper === 1 ? INIT_CAP : MIXED;
}

/** A sentence in capitals (a Reuters headline, a sports table row) tells little by its case. */
function isHeadline(tokens: readonly string[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const token of tokens) {
    const cls = quickCase(normalizeToken(token));
    if (cls === NO_LETTER) continue;
    letters++;
    if (cls === ALL_CAPS) caps++;
  }
  return letters >= 2 && caps >= letters * 0.8;
}
