import type { FeatureList } from './features.ts';
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

/** Learned transition weights with the well-formedness mask folded in. */
export function maskedTransitions(transition: ArrayLike<number>): Float64Array {
  const out = new Float64Array(TRANSITION_SIZE);
  for (let k = 0; k < TRANSITION_SIZE; k++) out[k] = transition[k]! + TRANSITION_MASK[k]!;
  return out;
}

/**
 * BILOU's two kinds of step, which the decoder exploits: after a *closed* tag (O, L, U; and at the
 * sentence start) only a *starting* tag (O, B, U) may follow, and each of the other tags (I, L) may only
 * follow the B or I of its own type. Both lists are in ascending tag order, which keeps ties as a plain
 * argmax over all predecessors would break them. Checked against `TRANSITION_MASK` below.
 */
const CLOSED = Uint8Array.from({ length: T }, (_, t) => t).filter((t) => t === 0 || (t - 1) % 4 >= 2);
const STARTING = Uint8Array.from({ length: T }, (_, t) => t).filter((t) => t === 0 || (t - 1) % 4 === 0 || (t - 1) % 4 === 3);
const C = CLOSED.length;

(function checkStepKinds(): void {
  for (let prev = 0; prev < T; prev++) {
    for (let next = 0; next < T; next++) {
      const inside = (next - 1) % 4 === 1 || (next - 1) % 4 === 2;
      const expected = CLOSED.includes(prev) ? STARTING.includes(next) : inside && next !== 0 && (prev - 1) >> 2 === (next - 1) >> 2;
      if ((TRANSITION_MASK[prev * W + next] === 0) !== expected) throw new Error(`BILOU step ${prev} -> ${next} disagrees with the mask`);
    }
  }
})();

/** What Viterbi reads of a transition matrix, laid out for its loops. */
interface StepWeights {
  /** `C x C`: weight of closed tag j (row) to starting tag k (column). */
  starting: Float64Array;
  /** Per B tag b, at b * 2: B to I, I to I, B to L, I to L of its type. */
  inside: Float64Array;
  /**
   * The largest spread of a starting tag's weights over the closed tags: a closed predecessor whose score
   * is more than this below the best closed one can never win, so the decoder skips it.
   */
  spread: number;
}

const stepWeightCache = new WeakMap<Float64Array, StepWeights>();

/** The last matrix asked for: Viterbi runs sentence after sentence with the same one. */
let lastTransition: Float64Array | undefined;
let lastWeights: StepWeights | undefined;

function stepWeights(transition: Float64Array): StepWeights {
  if (transition === lastTransition) return lastWeights!;
  let weights = stepWeightCache.get(transition);
  if (!weights) {
    const starting = new Float64Array(C * C);
    let spread = 0;
    for (let k = 0; k < C; k++) {
      let low = Infinity;
      let high = -Infinity;
      for (let j = 0; j < C; j++) {
        const w = transition[CLOSED[j]! * W + STARTING[k]!]!;
        starting[j * C + k] = w;
        low = Math.min(low, w);
        high = Math.max(high, w);
      }
      spread = Math.max(spread, high - low);
    }
    const inside = new Float64Array(T * 2 + 4);
    for (let b = 1; b < T; b += 4) {
      inside[b * 2] = transition[b * W + b + 1]!;
      inside[b * 2 + 1] = transition[(b + 1) * W + b + 1]!;
      inside[b * 2 + 2] = transition[b * W + b + 2]!;
      inside[b * 2 + 3] = transition[(b + 1) * W + b + 2]!;
    }
    weights = { starting, inside, spread };
    stepWeightCache.set(transition, weights);
  }
  lastTransition = transition;
  lastWeights = weights;
  return weights;
}

export interface ViterbiScratch {
  delta: Float64Array;
  back: Uint8Array;
}

/** Closed predecessors still in the running at one step of `viterbi` (indexes into CLOSED). */
const alive = new Uint8Array(C);

/**
 * The best well-formed BILOU sequence (first-order Viterbi) for the n x T emission scores starting at
 * `scores[from]`, token i's at `from + i * stride`. `transition` must come from `maskedTransitions`, so
 * the output never has an I or L without its B. Exact, but fast: it only tries the predecessors BILOU
 * allows, and of the closed ones only those within `spread` of the best (in news text usually O alone).
 */
export function viterbi(
  scores: Float64Array | Int32Array,
  from: number,
  n: number,
  transition: Float64Array,
  out: Uint8Array,
  scratch: ViterbiScratch,
  /** Distance between two tokens' scores in `scores` (T when they are packed). */
  stride = T,
  /** The tag before the first token and after the last (T: the sentence boundary; 0: O). */
  before = T,
  after = T,
): void {
  if (n === 0) return;
  if (scratch.delta.length < n * T) {
    scratch.delta = new Float64Array(n * T * 2);
    scratch.back = new Uint8Array(n * T * 2);
  }
  const { delta, back } = scratch;
  const { starting, inside, spread } = stepWeights(transition);
  for (let t = 0; t < T; t++) delta[t] = scores[from + t]! + transition[before * W + t]!;
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    const emitted = from + i * stride;
    let bestClosed = -Infinity;
    for (let j = 0; j < C; j++) {
      const d = delta[prevBase + CLOSED[j]!]!;
      if (d > bestClosed) bestClosed = d;
    }
    const floor = bestClosed - spread;
    let count = 0;
    for (let j = 0; j < C; j++) if (delta[prevBase + CLOSED[j]!]! >= floor) alive[count++] = j;
    if (count === 1) {
      // The usual case: one closed predecessor (O) is the only one in reach.
      const j = alive[0]!;
      const p = CLOSED[j]!;
      const d = delta[prevBase + p]!;
      const row = j * C;
      for (let k = 0; k < C; k++) {
        const t = STARTING[k]!;
        delta[base + t] = d + starting[row + k]! + scores[emitted + t]!;
        back[base + t] = p;
      }
    } else {
      for (let k = 0; k < C; k++) {
        let best = -Infinity;
        let arg = 0;
        for (let a = 0; a < count; a++) {
          const j = alive[a]!;
          const s = delta[prevBase + CLOSED[j]!]! + starting[j * C + k]!;
          if (s > best) {
            best = s;
            arg = CLOSED[j]!;
          }
        }
        const t = STARTING[k]!;
        delta[base + t] = best + scores[emitted + t]!;
        back[base + t] = arg;
      }
    }
    // I and L of each type: after its B or its I.
    for (let b = 1; b < T; b += 4) {
      const fromB = delta[prevBase + b]!;
      const fromI = delta[prevBase + b + 1]!;
      const i1 = b + 1;
      const l1 = b + 2;
      const iViaB = fromB + inside[b * 2]!;
      const iViaI = fromI + inside[b * 2 + 1]!;
      const lViaB = fromB + inside[b * 2 + 2]!;
      const lViaI = fromI + inside[b * 2 + 3]!;
      const iUseI = iViaI > iViaB;
      const lUseI = lViaI > lViaB;
      delta[base + i1] = (iUseI ? iViaI : iViaB) + scores[emitted + i1]!;
      back[base + i1] = iUseI ? b + 1 : b;
      delta[base + l1] = (lUseI ? lViaI : lViaB) + scores[emitted + l1]!;
      back[base + l1] = lUseI ? b + 1 : b;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const lastBase = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    const s = delta[lastBase + t]! + transition[t * W + after]!;
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
export function decode(weights: Weights, features: readonly FeatureList[], scratch: DecodeScratch): Uint8Array {
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

/** Int32s per slot of the feature table: the feature hash and its row's entry range. */
export const SLOT = 2;
/** A row's entry range: first entry (22 bits), pass-1 entries (5 bits), pass-2 entries (5 bits). */
const START_BITS = 22;
const START_MASK = (1 << START_BITS) - 1;
const COUNT_BITS = 5;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** The feature table of `PackedModel`, as the model file stores it. */
export interface FeatureTable {
  /** SLOT int32 per slot: feature hash (0: empty), then its row's entry range (see START_BITS). */
  slots: Int32Array;
  /** The rows' entries: weight (quantised units) << 8 | tag (0..T-1 pass 1, T..2T-1 pass 2). */
  entries: Int32Array;
}

/**
 * Builds the open-addressing table of `PackedModel` when the model is saved, from its rows in order:
 * each row's feature hash (never 0), entry count, and entries (tag and quantised weight) sorted by tag,
 * pass 1 first. Slots are 8 bytes and each weight shares an int32 with its tag, so a known feature's
 * lookup touches two cache lines of a table about a third the size of a plain layout.
 */
export function buildFeatureTable(rowKeys: Uint32Array, counts: Uint8Array, tags: Uint8Array, values: Int16Array): FeatureTable {
  if (values.length > START_MASK) throw new Error(`${values.length} weights are too many to pack in a feature table`);
  let size = 1;
  while (size < rowKeys.length * 1.6) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size * SLOT);
  let entry = 0;
  for (let r = 0; r < rowKeys.length; r++) {
    const key = rowKeys[r]! | 0;
    let slot = key & mask;
    while (slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
    const end = entry + counts[r]!;
    let mid = entry;
    while (mid < end && tags[mid]! < T) mid++;
    slots[slot * SLOT] = key;
    slots[slot * SLOT + 1] = entry | ((mid - entry) << START_BITS) | ((end - mid) << (START_BITS + COUNT_BITS));
    entry = end;
  }
  const entries = Int32Array.from(values, (value, e) => (value << 8) | tags[e]!);
  return { slots, entries };
}

/** Size of `PackedModel`'s filter of known feature hashes: 2^21 bits. */
const KNOWN_BITS = 21;
const KNOWN_SHIFT = 32 - KNOWN_BITS;

/** The bit filter of `PackedModel.known`: the top bits of every feature hash in the table. */
function knownFilter(slots: Int32Array): Int32Array {
  const known = new Int32Array(1 << (KNOWN_BITS - 5));
  for (let slot = 0; slot < slots.length; slot += SLOT) {
    const key = slots[slot]!;
    if (key === 0) continue;
    const bit = key >>> KNOWN_SHIFT;
    known[bit >>> 5]! |= 1 << (bit & 31);
  }
  return known;
}

/**
 * The shipped two-pass model. An open-addressing table maps a feature hash to its row's entries;
 * rows are sparse (most features carry weight for two or three tags only), so scoring touches only
 * the non-zero weights. Waiting on the table's cache misses is most of what tagging does, hence its
 * compact layout (see `buildFeatureTable`) and the filter of known features in front of it.
 */
export class PackedModel {
  private readonly mask: number;
  /** See `FeatureTable`. */
  private readonly slots: Int32Array;
  private readonly entries: Int32Array;
  private found = new Int32Array(1 << 14);
  /**
   * One bit per value of a hash's top `KNOWN_BITS` bits, set when some feature of the table has it: a
   * clear bit proves a feature unknown without probing the table (a quarter of a megabyte, which stays
   * in the CPU's cache where the table does not; about half the features of a text are unknown).
   * Building it takes a few milliseconds, so it starts with every bit set (no feature skipped) and is
   * built by `buildKnownFilter` when a tagger moves on to its second document: a process that tags one
   * short article starts as fast as without it.
   */
  private known: Int32Array;

  constructor(
    table: FeatureTable,
    /** Masked transitions of each pass, in the same quantised units as the weights. */
    readonly transition1: Float64Array,
    readonly transition2: Float64Array,
  ) {
    this.slots = table.slots;
    this.entries = table.entries;
    this.mask = table.slots.length / SLOT - 1;
    this.known = new Int32Array(1 << (KNOWN_BITS - 5)).fill(-1);
  }

  /** Builds the filter of known features (see `known`); once is enough. */
  buildKnownFilter(): void {
    this.known = knownFilter(this.slots);
  }

  /** The start of a feature hash's slot in `slots`, or -1 for a feature the model does not know. */
  private slotOf(hash: number): number {
    const { slots, mask } = this;
    let slot = hash & mask;
    let key = slots[slot * SLOT]!;
    while (key !== hash && key !== 0) {
      slot = (slot + 1) & mask;
      key = slots[slot * SLOT]!;
    }
    return key === 0 ? -1 : slot * SLOT;
  }

  /**
   * Resolves every feature of a sentence to its slot (or -1 for a feature the model does not know) before
   * any weight is read: the probes are independent, so the CPU overlaps their cache misses, which is
   * what tagging waits on. The result is valid until the next call.
   */
  resolve(features: FeatureList): Int32Array {
    const { hashes, offsets } = features;
    const count = offsets[offsets.length - 1]!;
    if (this.found.length < count) this.found = new Int32Array(count * 2);
    const { found, known } = this;
    for (let f = 0; f < count; f++) {
      const hash = hashes[f]! | 0;
      const bit = hash >>> KNOWN_SHIFT;
      found[f] = (known[bit >>> 5]! & (1 << (bit & 31))) === 0 ? -1 : this.slotOf(hash);
    }
    return found;
  }

  /**
   * Adds the weights of a sentence's resolved features into `scores` (n x 2T from `at`: per token, pass 1's
   * T scores then pass 2's), token i's from feature `starts[i]` (the caller has added the ones before;
   * `features.offsets` for all of them). A row's entries carry their pass in their tag (see
   * `FeatureTable`), so one loop adds both passes' weights.
   */
  addWeights(features: FeatureList, found: Int32Array, starts: Uint32Array, scores: Int32Array, at: number): void {
    const { offsets } = features;
    const n = offsets.length - 1;
    const { slots, entries } = this;
    for (let i = 0; i < n; i++) {
      const base = at + i * 2 * T;
      for (let f = starts[i]!; f < offsets[i + 1]!; f++) {
        const slot = found[f]!;
        if (slot < 0) continue;
        const range = slots[slot + 1]!;
        const first = range & START_MASK;
        const end = first + ((range >>> START_BITS) & COUNT_MASK) + (range >>> (START_BITS + COUNT_BITS));
        for (let e = first; e < end; e++) {
          const entry = entries[e]!;
          scores[base + (entry & 255)]! += entry >> 8;
        }
      }
    }
  }

  /**
   * Sums the weights of the resolved features from `from` to `to` into `out` (2T values from `at`:
   * pass 1's T tags, then pass 2's).
   */
  sumInto(found: Int32Array, from: number, to: number, out: Int32Array, at: number): void {
    const { slots, entries } = this;
    for (let f = from; f < to; f++) {
      const slot = found[f]!;
      if (slot < 0) continue;
      const range = slots[slot + 1]!;
      const first = range & START_MASK;
      const end = first + ((range >>> START_BITS) & COUNT_MASK) + (range >>> (START_BITS + COUNT_BITS));
      for (let e = first; e < end; e++) {
        const entry = entries[e]!;
        out[at + (entry & 255)]! += entry >> 8;
      }
    }
  }
}

/**
 * Summed weights of a group of features by what the group depends on (a token's text, its shape
 * context, a pair of tokens, the first-pass labels around it): such groups recur across text, so most
 * tokens skip several table probes. Bounded: cleared when half full.
 * An open-addressing table maps (identity, check) to an entry; entries' sums (`width` each) are stored
 * densely in the order they were claimed, so the sums of frequent groups (met first) share cache lines.
 */
export class SumCache {
  private readonly mask: number;
  /** 4 int32 per slot, on one cache line: 1 + the entry's index (0: empty slot), identity, check, unused. */
  private readonly slots: Int32Array;
  /** `width` sums per entry. */
  readonly sums: Int32Array;
  private count = 0;

  constructor(
    slots: number,
    /** Sums per entry: 2T for one group's two passes. */
    readonly width = 2 * T,
  ) {
    this.mask = slots - 1;
    this.slots = new Int32Array(slots * 4);
    // `reserve` keeps the entries at most half the slots.
    this.sums = new Int32Array((slots >> 1) * width);
  }

  /**
   * The entry holding this group's sums; or, for a group not in the cache (after `reserve`), a new zeroed
   * entry e returned as -1 - e, whose sums the caller fills. One probe either way.
   */
  findOrClaim(identity: number, check: number): number {
    const { slots, mask } = this;
    const id = identity | 0;
    const ck = check | 0;
    // The step to the next slot comes first, so every call runs it (a path only collisions took would be
    // new to V8 when the first one came, and cost the tagger its compiled code).
    let slot = (identity - 1) & mask;
    for (;;) {
      slot = (slot + 1) & mask;
      const entry = slots[slot * 4]!;
      if (entry === 0) break;
      if (slots[slot * 4 + 1] === id && slots[slot * 4 + 2] === ck) return entry - 1;
    }
    const entry = this.count++;
    slots[slot * 4] = entry + 1;
    slots[slot * 4 + 1] = id;
    slots[slot * 4 + 2] = ck;
    const { sums, width } = this;
    for (let k = entry * width; k < (entry + 1) * width; k++) sums[k] = 0;
    return -1 - entry;
  }

  /**
   * Makes room for `groups` new entries, clearing the cache when it would pass half full (entries found
   * before the call stay valid until the next `reserve`). False when `groups` alone would not fit.
   */
  reserve(groups: number): boolean {
    if (groups * 4 > this.mask) return false;
    if ((this.count + groups) * 2 > this.mask) {
      this.slots.fill(0);
      this.count = 0;
    }
    return true;
  }
}
