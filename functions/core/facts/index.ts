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
import { splitBlocks, splitSentences, type Block } from './sentences.ts';
import { headlineFrom } from './title.ts';
import type { ArticleFacts, DateFact, FactsInput, FactsOptions, QuantityFact } from './types.ts';

export type { ArticleFacts, FactsInput, FactsOptions } from './types.ts';

/** Sentences of the article body, after page furniture is removed, with where each sits. */
export function articleSentences(text: string): { heading?: string; published?: string; sentences: SentenceInfo[] } {
  const { heading, published, body } = removeBoilerplate(splitBlocks(text));
  const sentences: SentenceInfo[] = [];
  for (let b = 0; b < body.length; b++) {
    const block = body[b] as Block;
    const split = splitSentences(block.text);
    for (let i = 0; i < split.length; i++) sentences.push({ text: split[i] as string, paragraph: block.paragraph, indexInParagraph: i });
  }
  return { heading, published, sentences };
}

/*
 * Arrays handed from step to step are built with push, never with `map`: V8's optimised `map` makes a
 * holey array where the interpreter's makes a packed one, so the arrays of one call site change their
 * map as soon as the caller is optimised, and every optimised function that reads them (the tagger
 * included) is thrown away and compiled again. Loops rather than callbacks for the same reason: a
 * callback is one more function to compile, with its own feedback.
 */

/** The texts of the sentences, in order. */
function textsOf(sentences: readonly SentenceInfo[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i < sentences.length; i++) texts.push((sentences[i] as SentenceInfo).text);
  return texts;
}

/** An ISO day from a "Published: 3 March 2024" line, used when the input has no publication date. */
function publicationDay(line: string | undefined): string | undefined {
  if (!line) return undefined;
  return findDates(line, 0).facts.find((d) => d.iso !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d.iso))?.iso;
}

/** The first occurrence of each fact: the same date or quantity said twice is one fact. */
function firstDates(facts: readonly DateFact[]): DateFact[] {
  const seen = new Set<string>();
  const first: DateFact[] = [];
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as DateFact;
    const key = `${fact.text}|${fact.iso ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    first.push(fact);
  }
  return first;
}

function firstQuantities(facts: readonly QuantityFact[]): QuantityFact[] {
  const seen = new Set<string>();
  const first: QuantityFact[] = [];
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as QuantityFact;
    if (seen.has(fact.text)) continue;
    seen.add(fact.text);
    first.push(fact);
  }
  return first;
}

function pushAll<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i] as T);
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
  const texts = textsOf(sentences);
  const publishedAt = input.publishedAt ?? publicationDay(published);

  const mentions = findMentions(texts, ner);
  const entities = canonicalize(mentions, texts);

  const dates: DateFact[] = [];
  const quantities: QuantityFact[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const found = findDates(text, i, publishedAt);
    pushAll(dates, found.facts);
    pushAll(quantities, findQuantities(text, i, found.spans));
  }
  return { heading, sentences, entities, dates: firstDates(dates), quantities: firstQuantities(quantities) };
}

export function extractFacts(input: FactsInput, options: FactsOptions, ner: NerEngine = defaultNer()): ArticleFacts {
  const { heading, sentences, entities, dates, quantities } = analyseArticle(input, ner);
  const texts = textsOf(sentences);
  const summaryIndexes = rankSentences(sentences, { count: options.sentences });
  const ownTitle = input.title?.trim() || heading;
  const lead = texts[0] ?? '';
  const summary: string[] = [];
  for (let i = 0; i < summaryIndexes.length; i++) summary.push(texts[summaryIndexes[i] as number] as string);
  let words = 0;
  for (let i = 0; i < texts.length; i++) words += wordCount(texts[i] as string);
  return {
    source: input.source,
    title: ownTitle || (lead ? headlineFrom(lead) : 'Untitled'),
    summary,
    summaryIndexes,
    people: entities.people,
    places: entities.places,
    organizations: entities.organizations,
    dates,
    quantities,
    sentences: texts,
    wordCount: words,
  };
}
