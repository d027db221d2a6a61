/**
 * Named-entity tagging (PER, LOC, ORG, MISC): a two-pass averaged-perceptron tagger with BILOU tags and
 * Viterbi decoding, trained on CoNLL-2003 (see README.md here).
 */
export { tokenize, type Token } from './tokenize.ts';
export { spansOf, type EntitySpan, type EntityType } from './tags.ts';
export type { Tagger } from './tagger.ts';
export { getTagger } from './load.ts';
