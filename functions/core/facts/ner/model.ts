import type { SentenceFeatures } from './features.ts';
import { allowedTransition, TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;
/** Transitions are a (T+1) x (T+1) matrix; index T is the sentence boundary. */
export const TRANSITION_SIZE = (T + 1) * (T + 1);

/** Additive mask: 0 where a transition keeps BILOU well formed, -Infinity where it would not. */
export const TRANSITION_MASK: Float64Array = (() => {
  const mask = new Float64Array(TRANSITION_SIZE);
  for (let prev = 0; prev <= T; prev++) {
    for (let next = 0; next <= T; next++) {
      const ok = allowedTransition(prev === T ? -1 : prev, next === T ? -1 : next);
      mask[prev * (T + 1) + next] = ok ? 0 : -Infinity;
    }
  }
  return mask;
})();

/** What decoding needs of a linear model: a weight row per known feature hash and transition weights. */
export interface Weights {
  /** Row of a feature hash, or -1 for a feature the model does not know. */
  rowOf(hash: number): number;
  readonly emission: ArrayLike<number>;
  readonly transition: ArrayLike<number>;
}

/** Adds each token's feature weights into `scores` (n x T, not cleared). */
export function addEmissions(weights: Weights, features: SentenceFeatures, scores: Float64Array): void {
  const { hashes, offsets } = features;
  const emission = weights.emission;
  const n = offsets.length - 1;
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

/**
 * The best well-formed BILOU sequence (first-order Viterbi). `transition` holds learned weights;
 * the mask forbids ill-formed transitions, so the output never has an I or L without its B.
 */
export function viterbi(
  scores: Float64Array,
  n: number,
  transition: ArrayLike<number>,
  out: Uint8Array,
  scratch: { delta: Float64Array; back: Uint8Array },
): void {
  if (n === 0) return;
  if (scratch.delta.length < n * T) {
    scratch.delta = new Float64Array(n * T * 2);
    scratch.back = new Uint8Array(n * T * 2);
  }
  const { delta, back } = scratch;
  const W = T + 1;
  for (let t = 0; t < T; t++) delta[t] = scores[t]! + transition[T * W + t]! + TRANSITION_MASK[T * W + t]!;
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        const s = delta[prevBase + p]! + transition[p * W + t]! + TRANSITION_MASK[p * W + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[base + t] = best + scores[base + t]!;
      back[base + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const lastBase = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    const s = delta[lastBase + t]! + transition[t * W + T]! + TRANSITION_MASK[t * W + T]!;
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]!]!;
}

/** Decodes one sentence with one model, or two models whose scores add (the second pass). */
export function decode(
  parts: readonly { weights: Weights; features: SentenceFeatures }[],
  scratch: DecodeScratch,
): Uint8Array {
  const n = parts[0]!.features.offsets.length - 1;
  if (scratch.scores.length < n * T) scratch.scores = new Float64Array(n * T * 2);
  const scores = scratch.scores;
  scores.fill(0, 0, n * T);
  for (const part of parts) addEmissions(part.weights, part.features, scores);
  const out = new Uint8Array(n);
  viterbi(scores, n, parts[0]!.weights.transition, out, scratch);
  return out;
}

export interface DecodeScratch {
  scores: Float64Array;
  delta: Float64Array;
  back: Uint8Array;
}

export function newScratch(): DecodeScratch {
  return { scores: new Float64Array(1024), delta: new Float64Array(1024), back: new Uint8Array(1024) };
}

/**
 * Shipped weights: an open-addressing table from feature hash to row, float32 rows of T weights.
 */
export class FrozenWeights implements Weights {
  private readonly mask: number;
  private readonly table: Uint32Array;
  private readonly rows: Int32Array;

  constructor(
    keys: Uint32Array,
    readonly emission: Float32Array,
    readonly transition: Float64Array,
  ) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Uint32Array(size);
    this.rows = new Int32Array(size);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let slot = key & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = key;
      this.rows[slot] = r;
    }
  }

  rowOf(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const key = this.table[slot]!;
      if (key === hash) return this.rows[slot]!;
      if (key === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
