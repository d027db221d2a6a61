/**
 * The key-fact engine: from an article's text to its `ArticleFacts` (see DESIGN.md).
 * Pure and deterministic: the same input always gives the same facts.
 */
import { removeBoilerplate } from './boilerplate.ts';
import { findDates } from './dates.ts';
import { canonicalize, type CanonicalEntities } from './entities.ts';
import { defaultNer } from './ner-engine.ts';
import { findMentions, type NerEngine } from './mentions.ts';
import { findQuantities } from './quantities.ts';
import { rankSentences, wordCount, type SentenceInfo } from './rank.ts';
import { splitBlocks, splitSentences } from './sentences.ts';
import { headlineFrom } from './title.ts';
import type { ArticleFacts, DateFact, FactsInput, FactsOptions, QuantityFact } from './types.ts';

export type { ArticleFacts, FactsInput, FactsOptions } from './types.ts';

/** Sentences of the article body, after page furniture is removed, with where each sits. */
export function articleSentences(text: string): { heading?: string; published?: string; sentences: SentenceInfo[] } {
  const { heading, published, body } = removeBoilerplate(splitBlocks(text));
  const sentences: SentenceInfo[] = [];
  for (const block of body) {
    splitSentences(block.text).forEach((sentence, indexInParagraph) => {
      sentences.push({ text: sentence, paragraph: block.paragraph, indexInParagraph });
    });
  }
  return { heading, published, sentences };
}

/** An ISO day from a "Published: 3 March 2024" line, used when the input has no publication date. */
function publicationDay(line: string | undefined): string | undefined {
  if (!line) return undefined;
  return findDates(line, 0).facts.find((d) => d.iso !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d.iso))?.iso;
}

/** The first occurrence of each fact: the same date or quantity said twice is one fact. */
function firstOfEach<T>(facts: readonly T[], key: (fact: T) => string): T[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const k = key(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Everything the engine finds in an article before ranking. */
export interface ArticleAnalysis {
  heading?: string;
  sentences: SentenceInfo[];
  entities: CanonicalEntities;
  dates: DateFact[];
  quantities: QuantityFact[];
}

export function analyseArticle(input: FactsInput, ner: NerEngine = defaultNer()): ArticleAnalysis {
  const { heading, published, sentences } = articleSentences(input.text);
  const texts = sentences.map((s) => s.text);
  const publishedAt = input.publishedAt ?? publicationDay(published);

  const mentions = findMentions(texts, ner);
  const entities = canonicalize(mentions, texts);

  const dates: DateFact[] = [];
  const quantities: QuantityFact[] = [];
  texts.forEach((text, i) => {
    const found = findDates(text, i, publishedAt);
    dates.push(...found.facts);
    const counted = findQuantities(text, i, found.spans);
    quantities.push(...counted);
  });
  return { heading, sentences, entities, dates: firstOfEach(dates, (d) => `${d.text}|${d.iso ?? ''}`), quantities: firstOfEach(quantities, (q) => q.text) };
}

export function extractFacts(input: FactsInput, options: FactsOptions, ner: NerEngine = defaultNer()): ArticleFacts {
  const { heading, sentences, entities, dates, quantities } = analyseArticle(input, ner);
  const texts = sentences.map((s) => s.text);
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
    wordCount: texts.reduce((n, s) => n + wordCount(s), 0),
  };
}
