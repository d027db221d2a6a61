/**
 * The entity recogniser the engine uses by default. Until the statistical tagger of ./ner is merged
 * this is the stop-gap heuristic recogniser; both have the same API.
 */
import { heuristicNer } from './heuristic-ner.ts';
import type { NerEngine } from './mentions.ts';

export function defaultNer(): NerEngine {
  return heuristicNer;
}
