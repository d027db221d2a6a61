/**
 * The key-fact engine: from an article's text to its `ArticleFacts` (see DESIGN.md).
 * Pure and deterministic: the same input always gives the same facts.
 */
import { removeBoilerplate } from './boilerplate.ts';
import { findDates } from './dates.ts';
import { canonicalize } from './entities.ts';
import { defaultNer } from './ner-engine.ts';
import { findMentions, type NerEngine } from './mentions.ts';
import { findQuantities } from './quantities.ts';
import { rankSentences, type SentenceInfo } from './rank.ts';
import { splitBlocks, splitSentences } from './sentences.ts';
import { headlineFrom } from './title.ts';
import type { ArticleFacts, DateFact, FactsInput, FactsOptions, QuantityFact } from './types.ts';

export type { ArticleFacts, FactsInput, FactsOptions } from './types.ts';

/** Sentences of the article body, after page furniture is removed, with where each sits. */
export function articleSentences(text: string): { heading?: string; sentences: SentenceInfo[] } {
  const { heading, body } = removeBoilerplate(splitBlocks(text));
  const sentences: SentenceInfo[] = [];
  for (const block of body) {
    splitSentences(block.text).forEach((sentence, indexInParagraph) => {
      sentences.push({ text: sentence, paragraph: block.paragraph, indexInParagraph, entities: 0, numbers: 0 });
    });
  }
  return { heading, sentences };
}

export function extractFacts(input: FactsInput, options: FactsOptions, ner: NerEngine = defaultNer()): ArticleFacts {
  const { heading, sentences } = articleSentences(input.text);
  const texts = sentences.map((s) => s.text);

  const mentions = findMentions(texts, ner);
  for (const m of mentions) (sentences[m.sentence] as SentenceInfo).entities++;
  const entities = canonicalize(mentions, texts);

  const dates: DateFact[] = [];
  const quantities: QuantityFact[] = [];
  texts.forEach((text, i) => {
    const found = findDates(text, i, input.publishedAt);
    dates.push(...found.facts);
    const counted = findQuantities(text, i, found.spans);
    quantities.push(...counted);
    (sentences[i] as SentenceInfo).numbers = found.facts.length + counted.length;
  });

  const summaryIndexes = rankSentences(sentences, { count: options.sentences });
  const ownTitle = input.title?.trim() || heading;
  const lead = texts[0] ?? '';
  return {
    source: input.source,
    title: ownTitle || (lead ? headlineFrom(lead) : 'Untitled'),
    summary: summaryIndexes.map((i) => texts[i] as string),
    summaryIndexes,
    ...entities,
    dates,
    quantities,
    sentences: texts,
    wordCount: texts.reduce((n, s) => n + (s.match(/\S+/g)?.length ?? 0), 0),
  };
}
