/**
 * Weights of the key-sentence ranker, one per feature of `FEATURE_NAMES` in rank.ts.
 * Hand-set starting point: position first, then centrality; replaced by trained weights.
 */
export const RANKER_WEIGHTS = {
  weights: [0, 1.0, 1.0, -0.3, 0.8, 0.3, 0.1, -0.3, -0.1, -0.3, 0.1, 0.05, 0.1, -0.3],
  redundancy: 0.6,
} as const;
