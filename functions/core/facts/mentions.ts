/**
 * Entity mentions of an article through the NER tagger's API: tokens of each sentence are tagged
 * for the whole document at once (the tagger uses document-level features), and spans are mapped
 * back to character offsets in the verbatim sentences.
 */

import type { EntitySpan, EntityType, Token } from './ner/index.ts';

export type { EntitySpan, EntityType, Token };

/** The parts of the NER module the fact engine uses. */
export interface NerEngine {
  tokenize(text: string): Token[];
  tagDocument(sentences: string[][]): string[][];
  spansOf(tags: string[]): EntitySpan[];
}

/** One mention of an entity: its verbatim text and where it is. */
export interface Mention {
  type: EntityType;
  text: string;
  /** Index of the sentence. */
  sentence: number;
  /** Character offsets inside the sentence, end exclusive. */
  start: number;
  end: number;
}

export function findMentions(sentences: readonly string[], engine: NerEngine): Mention[] {
  const tokens = sentences.map((s) => engine.tokenize(s));
  const tags = engine.tagDocument(tokens.map((ts) => ts.map((t) => t.text)));
  const mentions: Mention[] = [];
  tokens.forEach((sentenceTokens, index) => {
    const sentenceTags = tags[index] ?? [];
    for (const span of engine.spansOf(sentenceTags)) {
      const first = sentenceTokens[span.start];
      const last = sentenceTokens[span.end - 1];
      if (!first || !last) continue;
      const sentence = sentences[index] as string;
      mentions.push({ type: span.type, text: sentence.slice(first.start, last.end), sentence: index, start: first.start, end: last.end });
    }
  });
  return mentions;
}
