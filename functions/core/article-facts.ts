import type { ArticleFacts, FactsOptions } from './facts/types.ts';
import type { IngestFailure } from './ingest/ingest.ts';
import type { Article } from './model.ts';

/**
 * The facts of one article, or a failure naming it: an article the engine chokes on loses only itself,
 * not every article after it. A crash of the engine is not the input's fault (`badInput: false`).
 * The engine is passed in, so a caller can load it when first needed.
 */
export function extractOrFail(
  article: Article,
  options: FactsOptions,
  extract: (article: Article, options: FactsOptions) => ArticleFacts,
): { facts: ArticleFacts } | { failure: IngestFailure } {
  try {
    return { facts: extract(article, options) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { failure: { source: article.source, message: `${article.source}: could not extract its key facts (${reason})`, badInput: false } };
  }
}
