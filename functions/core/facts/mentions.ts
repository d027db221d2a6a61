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

/*
 * The token arrays are built with push, not `map`: an optimised `map` returns a holey array where the
 * interpreter's returns a packed one, and the tagger's optimised code, which reads these arrays, would
 * be thrown away when their map changes.
 */
export function findMentions(sentences: readonly string[], engine: NerEngine): Mention[] {
  const tokens: Token[][] = [];
  const words: string[][] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentenceTokens = engine.tokenize(sentences[i] as string);
    tokens.push(sentenceTokens);
    words.push(tokenTexts(sentenceTokens));
  }
  const tags = engine.tagDocument(words);
  const mentions: Mention[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const sentenceTokens = tokens[index] as Token[];
    const spans = engine.spansOf(tags[index] ?? []);
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k] as EntitySpan;
      const first = sentenceTokens[span.start];
      const last = sentenceTokens[span.end - 1];
      if (!first || !last) continue;
      const sentence = sentences[index] as string;
      mentions.push({ type: span.type, text: sentence.slice(first.start, last.end), sentence: index, start: first.start, end: last.end });
    }
  }
  return mentions;
}

function tokenTexts(tokens: readonly Token[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i < tokens.length; i++) texts.push((tokens[i] as Token).text);
  return texts;
}
