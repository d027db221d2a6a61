/**
 * The key facts of one article: the `digest facts` JSON contract (see DESIGN.md).
 * Sentence references (`firstSentence`, `sentence`) are 0-based indexes into `sentences`,
 * so every fact keeps its provenance.
 */
export interface ArticleFacts {
  source: string;
  title: string;
  /** Key sentences, verbatim, in article order. */
  summary: string[];
  /** Index in `sentences` of each summary sentence (same order as `summary`). */
  summaryIndexes: number[];
  people: PersonFact[];
  places: EntityFact[];
  organizations: EntityFact[];
  dates: DateFact[];
  quantities: QuantityFact[];
  /** Every sentence of the article body after boilerplate removal, verbatim. */
  sentences: string[];
  /** Words in the article body. */
  wordCount: number;
}

export interface EntityFact {
  name: string;
  aliases: string[];
  mentions: number;
  firstSentence: number;
}

export interface PersonFact extends EntityFact {
  role?: string;
}

export interface DateFact {
  text: string;
  /** ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) when it can be resolved. */
  iso?: string;
  sentence: number;
}

export interface QuantityFact {
  text: string;
  sentence: number;
}

/** What the fact engine needs of an article; the rest of the pipeline may carry more. */
export interface FactsInput {
  source: string;
  /** The article's own title, when it has one (feeds, HTML). Untitled text gets a generated one. */
  title?: string;
  /** Readable plain text; paragraphs separated by blank lines. */
  text: string;
  /** ISO date of publication, used to resolve relative and partial dates. */
  publishedAt?: string;
}

export interface FactsOptions {
  /** How many key sentences to keep. */
  sentences: number;
}
