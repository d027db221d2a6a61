import type { SentenceFeatures } from './features.ts';
import { allowedTransition, TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;
const W = T + 1;
/** Transitions are a (T+1) x (T+1) matrix; index T is the sentence boundary. */
export const TRANSITION_SIZE = W * W;

/** Additive mask: 0 where a transition keeps BILOU well formed, -Infinity where it would not. */
export const TRANSITION_MASK: Float64Array = (() => {
  const mask = new Float64Array(TRANSITION_SIZE);
  for (let prev = 0; prev <= T; prev++) {
    for (let next = 0; next <= T; next++) {
      const ok = allowedTransition(prev === T ? -1 : prev, next === T ? -1 : next);
      mask[prev * W + next] = ok ? 0 : -Infinity;
    }
  }
  return mask;
})();

/** For each tag, the tags that may precede it (BILOU allows few), so Viterbi skips the rest. */
const PREDECESSORS: { start: Uint16Array; list: Uint8Array } = (() => {
  const start = new Uint16Array(T + 1);
  const list: number[] = [];
  for (let next = 0; next < T; next++) {
    start[next] = list.length;
    for (let prev = 0; prev < T; prev++) if (TRANSITION_MASK[prev * W + next] === 0) list.push(prev);
  }
  start[T] = list.length;
  return { start, list: Uint8Array.from(list) };
})();

/** Learned transition weights with the well-formedness mask folded in. */
export function maskedTransitions(transition: ArrayLike<number>): Float64Array {
  const out = new Float64Array(TRANSITION_SIZE);
  for (let k = 0; k < TRANSITION_SIZE; k++) out[k] = transition[k]! + TRANSITION_MASK[k]!;
  return out;
}

const predecessorWeightCache = new WeakMap<Float64Array, Float64Array>();

/** `transition[p * W + t]` for each (t, p) of `PREDECESSORS`, in its order: what Viterbi reads per token. */
function predecessorWeights(transition: Float64Array): Float64Array {
  let weights = predecessorWeightCache.get(transition);
  if (!weights) {
    const { start, list } = PREDECESSORS;
    weights = new Float64Array(list.length);
    for (let t = 0; t < T; t++) for (let k = start[t]!; k < start[t + 1]!; k++) weights[k] = transition[list[k]! * W + t]!;
    predecessorWeightCache.set(transition, weights);
  }
  return weights;
}

export interface ViterbiScratch {
  delta: Float64Array;
  back: Uint8Array;
}

/**
 * The best well-formed BILOU sequence (first-order Viterbi) for the n x T emission scores starting at
 * `scores[from]`. `transition` must come from `maskedTransitions`, so the output never has an I or L
 * without its B.
 */
export function viterbi(
  scores: Float64Array,
  from: number,
  n: number,
  transition: Float64Array,
  out: Uint8Array,
  scratch: ViterbiScratch,
): void {
  if (n === 0) return;
  if (scratch.delta.length < n * T) {
    scratch.delta = new Float64Array(n * T * 2);
    scratch.back = new Uint8Array(n * T * 2);
  }
  const { delta, back } = scratch;
  const { start, list } = PREDECESSORS;
  const weight = predecessorWeights(transition);
  for (let t = 0; t < T; t++) delta[t] = scores[from + t]! + transition[T * W + t]!;
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    let k = 0;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (const end = start[t + 1]!; k < end; k++) {
        const p = list[k]!;
        const s = delta[prevBase + p]! + weight[k]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[base + t] = best + scores[from + base + t]!;
      back[base + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const lastBase = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    const s = delta[lastBase + t]! + transition[t * W + T]!;
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]!]!;
}

/** A linear model during training: a row of T weights per known feature hash. */
export interface Weights {
  /** Row of a feature hash, or -1 for a feature the model does not know. */
  rowOf(hash: number): number;
  readonly emission: ArrayLike<number>;
  readonly transition: ArrayLike<number>;
}

export interface DecodeScratch extends ViterbiScratch {
  scores: Float64Array;
}

export function newScratch(): DecodeScratch {
  return { scores: new Float64Array(1024), delta: new Float64Array(1024), back: new Uint8Array(1024) };
}

/** Decodes one sentence with a model over one or more feature sets whose scores add (used in training). */
export function decode(weights: Weights, features: readonly SentenceFeatures[], scratch: DecodeScratch): Uint8Array {
  const n = features[0]!.offsets.length - 1;
  if (scratch.scores.length < n * T) scratch.scores = new Float64Array(n * T * 2);
  const scores = scratch.scores;
  scores.fill(0, 0, n * T);
  const emission = weights.emission;
  for (const { hashes, offsets } of features) {
    for (let i = 0; i < n; i++) {
      const base = i * T;
      for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
        const row = weights.rowOf(hashes[f]!);
        if (row < 0) continue;
        const w = row * T;
        for (let t = 0; t < T; t++) scores[base + t]! += emission[w + t]!;
      }
    }
  }
  const out = new Uint8Array(n);
  viterbi(scores, 0, n, maskedTransitions(weights.transition), out, scratch);
  return out;
}

/**
 * The open-addressing table of `PackedModel`, built when the model is saved: rows' feature hashes (never 0)
 * with their entry counts, entries sorted by tag within a row (pass 1 first).
 */
export function buildFeatureTable(rowKeys: Uint32Array, counts: Uint8Array, tags: Uint8Array): Int32Array {
  let size = 1;
  while (size < rowKeys.length * 1.6) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size * 4);
  let entry = 0;
  for (let r = 0; r < rowKeys.length; r++) {
    const key = rowKeys[r]! | 0;
    let slot = key & mask;
    while (table[slot * 4] !== 0) slot = (slot + 1) & mask;
    const end = entry + counts[r]!;
    let mid = entry;
    while (mid < end && tags[mid]! < T) mid++;
    table[slot * 4] = key;
    table[slot * 4 + 1] = entry;
    table[slot * 4 + 2] = mid;
    table[slot * 4 + 3] = end;
    entry = end;
  }
  return table;
}

/** Size of `PackedModel`'s filter of known feature hashes: 2^21 bits. */
const KNOWN_BITS = 21;
const KNOWN_SHIFT = 32 - KNOWN_BITS;

/** The bit filter of `PackedModel.known`: the top bits of every feature hash in the table. */
function knownFilter(table: Int32Array): Int32Array {
  const known = new Int32Array(1 << (KNOWN_BITS - 5));
  for (let slot = 0; slot < table.length; slot += 4) {
    const key = table[slot]!;
    if (key === 0) continue;
    const bit = key >>> KNOWN_SHIFT;
    known[bit >>> 5]! |= 1 << (bit & 31);
  }
  return known;
}

/**
 * The shipped two-pass model. An open-addressing table maps a feature hash to its row's entries;
 * rows are sparse (most features carry weight for two or three tags only), so scoring touches only
 * the non-zero weights: each table slot holds (hash, first pass-1 entry, first pass-2 entry, end).
 */
export class PackedModel {
  private readonly mask: number;
  private found = new Int32Array(4096);
  /**
   * One bit per value of a hash's top `KNOWN_BITS` bits, set when some feature of the table has it: a
   * clear bit proves a feature unknown without probing the table (a quarter of a megabyte, which stays
   * in the CPU's cache where the table does not; about half the features of a text are unknown).
   * Building it takes a few milliseconds, so it starts with every bit set (no feature skipped) and is
   * built once the tagger has resolved as many features as the table has slots: a process that tags
   * one short article starts as fast as without it.
   */
  private known: Int32Array;
  private resolved = 0;

  constructor(
    /** Slots of 4 int32: feature hash (0: empty), first pass-1 entry, first pass-2 entry, end; see `buildFeatureTable`. */
    private readonly table: Int32Array,
    /** Entry tag: 0..T-1 for pass 1, T..2T-1 for pass 2. */
    private readonly tags: Uint8Array,
    /** Entry weight, in quantised units. */
    private readonly values: Int16Array,
    /** Masked transitions of each pass, in the same quantised units. */
    readonly transition1: Float64Array,
    readonly transition2: Float64Array,
  ) {
    this.mask = table.length / 4 - 1;
    this.known = new Int32Array(1 << (KNOWN_BITS - 5)).fill(-1);
  }

  /**
   * Resolves every feature of a sentence to its table slot (or -1) before touching any weights:
   * the probes are independent, so the CPU overlaps their cache misses.
   */
  private resolve(hashes: Uint32Array, count: number): Int32Array {
    if (this.found.length < count) this.found = new Int32Array(count * 2);
    if (this.resolved <= this.mask) {
      this.resolved += count;
      if (this.resolved > this.mask) this.known = knownFilter(this.table);
    }
    const { table, mask, found, known } = this;
    const wrap = mask * 4 + 3;
    for (let f = 0; f < count; f++) {
      const hash = hashes[f]! | 0;
      const bit = hash >>> KNOWN_SHIFT;
      if ((known[bit >>> 5]! & (1 << (bit & 31))) === 0) {
        found[f] = -1;
        continue;
      }
      let slot = (hash & mask) * 4;
      let key = table[slot]!;
      while (key !== hash && key !== 0) {
        slot = (slot + 4) & wrap;
        key = table[slot]!;
      }
      found[f] = key === 0 ? -1 : slot;
    }
    return found;
  }

  /** Adds pass-1 weights into `scores1` and pass-2 weights into `scores2` (both n x T from `at`). */
  addBoth(features: SentenceFeatures, scores1: Float64Array, scores2: Float64Array, at: number): void {
    const { hashes, offsets } = features;
    const n = offsets.length - 1;
    const found = this.resolve(hashes, offsets[n]!);
    const { table, tags, values } = this;
    // With `shapesEnd`, the caller has added each token's intrinsic and shape-context features already.
    const starts = features.shapesEnd ?? offsets;
    for (let i = 0; i < n; i++) {
      const base = at + i * T;
      const base2 = base - T;
      for (let f = starts[i]!; f < offsets[i + 1]!; f++) {
        const slot = found[f]!;
        if (slot < 0) continue;
        const mid = table[slot + 2]!;
        const end = table[slot + 3]!;
        for (let e = table[slot + 1]!; e < mid; e++) scores1[base + tags[e]!]! += values[e]!;
        for (let e = mid; e < end; e++) scores2[base2 + tags[e]!]! += values[e]!;
      }
    }
  }

  /** Adds pass-2 weights of (second-pass) features into `scores` (n x T from `at`). */
  addSecond(features: SentenceFeatures, scores: Float64Array, at: number): void {
    const { hashes, offsets } = features;
    const n = offsets.length - 1;
    const found = this.resolve(hashes, offsets[n]!);
    const { table, tags, values } = this;
    // With `windowEnd`, the caller has added each token's label-window features already.
    const starts = features.windowEnd ?? offsets;
    for (let i = 0; i < n; i++) {
      const base2 = at + i * T - T;
      for (let f = starts[i]!; f < offsets[i + 1]!; f++) {
        const slot = found[f]!;
        if (slot < 0) continue;
        const end = table[slot + 3]!;
        for (let e = table[slot + 2]!; e < end; e++) scores[base2 + tags[e]!]! += values[e]!;
      }
    }
  }

  /**
   * Sums the weights of the features from `from` to `to` of `hashes` into `out` (2T values from `at`:
   * pass 1's T tags, then pass 2's).
   */
  sumInto(hashes: Uint32Array, from: number, to: number, out: Float32Array, at: number): void {
    const { table, tags, values, mask } = this;
    const wrap = mask * 4 + 3;
    for (let f = from; f < to; f++) {
      const hash = hashes[f]! | 0;
      let slot = (hash & mask) * 4;
      let key = table[slot]!;
      while (key !== hash && key !== 0) {
        slot = (slot + 4) & wrap;
        key = table[slot]!;
      }
      if (key === 0) continue;
      const end = table[slot + 3]!;
      for (let e = table[slot + 1]!; e < end; e++) out[at + tags[e]!]! += values[e]!;
    }
  }
}

/**
 * Summed weights of each token's intrinsic features (those of its text alone), by token text: frequent
 * words recur, so most tokens skip a dozen table probes. Bounded: cleared when half full.
 * An open-addressing table maps (identity, check) to an entry; entries' sums are stored densely in the
 * order they were claimed, so the sums of frequent words (met first) share cache lines.
 */
export class IntrinsicCache {
  private readonly mask: number;
  /** 4 int32 per slot, on one cache line: 1 + the entry's index (0: empty slot), identity, check, unused. */
  private readonly slots: Int32Array;
  /** 2T sums per entry. */
  readonly sums: Float32Array;
  private count = 0;

  constructor(slots = 1 << 15) {
    this.mask = slots - 1;
    this.slots = new Int32Array(slots * 4);
    // `reserve` keeps the entries at most half the slots.
    this.sums = new Float32Array((slots >> 1) * 2 * T);
  }

  /** The entry holding this token's sums, or -1. */
  find(identity: number, check: number): number {
    const { slots, mask } = this;
    const id = identity | 0;
    const ck = check | 0;
    let slot = identity & mask;
    for (;;) {
      const entry = slots[slot * 4]!;
      if (entry === 0) return -1;
      if (slots[slot * 4 + 1] === id && slots[slot * 4 + 2] === ck) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Makes room for `tokens` new entries, clearing the cache when it would pass half full (entries found
   * before the call stay valid until the next `reserve`). False when `tokens` alone would not fit.
   */
  reserve(tokens: number): boolean {
    if (tokens * 4 > this.mask) return false;
    if ((this.count + tokens) * 2 > this.mask) {
      this.slots.fill(0);
      this.count = 0;
    }
    return true;
  }

  /** A zeroed entry for a token not in the cache (after `reserve`); the caller fills its sums. */
  claim(identity: number, check: number): number {
    const { slots, mask } = this;
    let slot = identity & mask;
    while (slots[slot * 4] !== 0) slot = (slot + 1) & mask;
    const entry = this.count++;
    slots[slot * 4] = entry + 1;
    slots[slot * 4 + 1] = identity | 0;
    slots[slot * 4 + 2] = check | 0;
    this.sums.fill(0, entry * 2 * T, (entry + 1) * 2 * T);
    return entry;
  }
}
