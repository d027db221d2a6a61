/**
 * The entity recogniser the engine uses by default: the trained tagger of ./ner, loaded once per
 * process on first use.
 */
import type { NerEngine } from './mentions.ts';
import { getTagger, spansOf, tokenize } from './ner/index.ts';

let engine: NerEngine | undefined;

export function defaultNer(): NerEngine {
  if (!engine) {
    const tagger = getTagger();
    engine = { tokenize, tagDocument: (sentences) => tagger.tagDocument(sentences), spansOf };
  }
  return engine;
}
