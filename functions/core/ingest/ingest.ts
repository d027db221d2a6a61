/**
 * Ingest: named sources → readable articles. A feed gives its entries (their own content when
 * it is a full article, else the linked page); a page goes through Readability; text is taken as it is.
 * A failing source, file or entry is reported and skipped; the others go on.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.ts';
import type { Article, RawDocument } from '../model.ts';
import type { DocumentReader, Fetcher } from '../../ports.ts';
import { sniffDocumentKind } from './document-kind.ts';
import type { FeedEntry } from './feed.ts';
import { readTextArticle } from './text.ts';

export interface IngestFailure {
  source: string;
  message: string;
  /** True when the input itself is bad (missing, empty, binary, malformed), not a transient failure. */
  badInput: boolean;
}

export interface IngestResult {
  articles: Article[];
  failures: IngestFailure[];
}

/** One thing ingest gives: an article, or a source, file or feed entry that could not be read. */
export type Ingested = { article: Article } | { failure: IngestFailure };

export interface IngestDeps {
  reader: DocumentReader;
  fetcher: Fetcher;
}

/**
 * The HTML stack (linkedom with its CSS and HTML parsers, Readability: about 450 KB) is loaded on the first
 * HTML page or feed entry with HTML content, not at cold start: a run over text files pays nothing for it.
 */
let htmlModule: Promise<typeof import('./html.ts')> | undefined;
const loadHtml = () => (htmlModule ??= import('./html.ts'));
/** Likewise the feed parser (fast-xml-parser, about 60 KB), on the first feed. */
let feedModule: Promise<typeof import('./feed.ts')> | undefined;
const loadFeed = () => (feedModule ??= import('./feed.ts'));

/** A feed entry whose own content has at least this many words is taken as the full article. */
const FULL_CONTENT_WORDS = 120;
/** Articles taken from one feed in one run, newest first. */
const MAX_ENTRIES_PER_FEED = 30;

/** Every article of the sources, and every failure: for a digest run, which needs all of a run's articles at once. */
export async function ingest(sources: readonly string[], deps: IngestDeps): Promise<IngestResult> {
  const result: IngestResult = { articles: [], failures: [] };
  for await (const item of ingestEach(sources, deps)) {
    if ('article' in item) result.articles.push(item.article);
    else result.failures.push(item.failure);
  }
  return result;
}

/**
 * The articles of the sources one at a time, as they are read, each failure in its place: only the
 * document at hand is held, so a folder of thousands of articles needs the memory of one.
 * An article met again (the same id, from another source or file) is given once.
 */
export async function* ingestEach(sources: readonly string[], deps: IngestDeps): AsyncGenerator<Ingested> {
  const ids = new Set<string>();
  for await (const item of ingestSources(sources, deps)) {
    if ('article' in item) {
      if (ids.has(item.article.id)) continue;
      ids.add(item.article.id);
    }
    yield item;
  }
}

async function* ingestSources(sources: readonly string[], deps: IngestDeps): AsyncGenerator<Ingested> {
  for (const source of sources) {
    try {
      for await (const read of deps.reader.read(source)) {
        if ('error' in read) yield failureOf(read.location, read.error);
        else yield* ingestDocument(read.document, deps.fetcher);
      }
    } catch (error) {
      // The source itself could not be read (missing, unsupported, a listing that failed): the next one still is.
      yield failureOf(source, error);
    }
  }
}

/** The articles of one document; a document that fails gives its failure instead of throwing. */
async function* ingestDocument(document: RawDocument, fetcher: Fetcher): AsyncGenerator<Ingested> {
  try {
    assertText(document);
    const kind = sniffDocumentKind(document);
    if (kind === 'feed') yield* feedArticles(document, fetcher);
    else yield { article: await pageArticle(document, kind) };
  } catch (error) {
    yield failureOf(document.location, error);
  }
}

function failureOf(source: string, error: unknown): Ingested {
  return { failure: { source, message: error instanceof Error ? error.message : String(error), badInput: error instanceof InputError } };
}

/** The newest entries of a feed, each an article or the failure of that entry alone. */
async function* feedArticles(document: RawDocument, fetcher: Fetcher): AsyncGenerator<Ingested> {
  const { parseFeed } = await loadFeed();
  const feed = parseFeed(document.body, document.location);
  const entries = [...feed.entries]
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    .slice(0, MAX_ENTRIES_PER_FEED);
  for (const entry of entries) {
    try {
      const article = await articleOfEntry(entry, document.location, fetcher);
      if (article) yield { article };
    } catch (error) {
      yield failureOf(entry.url ?? `${document.location} (entry "${entry.title ?? '?'}")`, error);
    }
  }
}

/** An HTML page through Readability, or text as it is. */
async function pageArticle(document: RawDocument, kind: 'html' | 'text'): Promise<Article> {
  if (kind === 'text') return article({ source: document.location, ...readTextArticle(document.body, document.location) });
  const { readHtmlArticle } = await loadHtml();
  const page = readHtmlArticle(document.body, document.location);
  const url = httpUrlOf(document.location);
  return article({ source: document.location, ...(url ? { url } : {}), ...page });
}

async function articleOfEntry(entry: FeedEntry, feedLocation: string, fetcher: Fetcher): Promise<Article | undefined> {
  const ownText = entry.contentHtml ? (await loadHtml()).htmlFragmentToText(entry.contentHtml) : '';
  const base = {
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
  };
  if (wordCount(ownText) >= FULL_CONTENT_WORDS || !entry.url) {
    if (ownText.length === 0) return undefined;
    return article({ source: entry.url ?? feedLocation, text: ownText, ...base, idHint: entry.id });
  }
  const page = await fetcher.get(entry.url);
  assertText(page);
  const { readHtmlArticle } = await loadHtml();
  const readable = readHtmlArticle(page.body, page.location);
  return article({ source: entry.url, ...readable, ...base, text: readable.text, idHint: entry.id });
}

/**
 * Longest article text taken (about 30,000 words, several times the longest news feature). Past
 * it a file is a book, a dump or junk; its start is digested and the rest dropped, at a paragraph.
 */
export const MAX_ARTICLE_CHARS = 200_000;

function capLength(text: string): string {
  if (text.length <= MAX_ARTICLE_CHARS) return text;
  const cut = text.lastIndexOf('\n\n', MAX_ARTICLE_CHARS);
  return text.slice(0, cut > MAX_ARTICLE_CHARS / 2 ? cut : MAX_ARTICLE_CHARS);
}

function article(fields: Omit<Article, 'id'> & { idHint?: string | undefined }): Article {
  const { idHint, ...uncapped } = fields;
  const rest = { ...uncapped, text: capLength(uncapped.text) };
  const id = rest.url ?? idHint ?? `sha256:${createHash('sha256').update(rest.text).digest('hex').slice(0, 32)}`;
  return { id, ...rest };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function httpUrlOf(location: string): string | undefined {
  return /^https?:\/\//i.test(location) ? location : undefined;
}

/** Binary data (NUL bytes, or mostly undecodable bytes) is refused with a clear message. */
export function assertText(document: RawDocument): void {
  const sample = document.body.slice(0, 8192);
  if (sample.trim().length === 0) throw new InputError(`${document.location}: the file is empty`);
  const replacement = sample.match(/\uFFFD/g)?.length ?? 0;
  if (sample.includes('\u0000') || replacement > sample.length * 0.05) {
    throw new InputError(`${document.location}: binary data, not an article (expected text, HTML or a feed)`);
  }
}
