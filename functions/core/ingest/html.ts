import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from '../errors.ts';
import { normaliseText } from './text.ts';

export interface ReadableHtml {
  title?: string;
  text: string;
  publishedAt?: string;
}

/** Fewer words than this is a menu or an error page, not an article. */
const MIN_ARTICLE_WORDS = 20;

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'DT', 'DD', 'FIGCAPTION']);

/**
 * The readable article inside an HTML page, through Mozilla Readability (navigation, ads and
 * comment furniture go); its paragraphs become plain-text paragraphs.
 */
export function readHtmlArticle(html: string, location: string): ReadableHtml {
  assertShallowMarkup(html, location);
  const { document } = parseHTML(html);
  const published = document.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]');
  const publishedAt = published?.getAttribute('content') ?? published?.getAttribute('datetime') ?? undefined;
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!parsed?.content) throw new InputError(`${location}: no readable article text in this HTML page`);
  const { document: articleDoc } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const paragraphs: string[] = [];
  for (const element of articleDoc.querySelectorAll('*')) {
    if (!BLOCK_TAGS.has(element.tagName)) continue;
    if (element.querySelector('p, li, blockquote, pre, h1, h2, h3, h4, h5, h6')) continue; // the inner block speaks
    const paragraph = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (paragraph) paragraphs.push(paragraph);
  }
  const text = paragraphs.length > 0 ? paragraphs.join('\n\n') : (parsed.textContent ?? '');
  if (text.split(/\s+/).filter(Boolean).length < MIN_ARTICLE_WORDS) {
    throw new InputError(`${location}: no readable article text in this HTML page`);
  }
  const title = parsed.title?.trim();
  return { ...(title ? { title } : {}), text: normaliseText(text), ...(validDate(publishedAt) ? { publishedAt: validDate(publishedAt) } : {}) };
}

function validDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Real pages nest a few dozen levels; the DOM parser slows to minutes, then overflows its stack, on thousands. */
const MAX_NESTING = 1000;
const NOT_NESTING = new Set(['p', 'li', 'br', 'img', 'hr', 'meta', 'link', 'input', 'td', 'tr', 'option', 'dt', 'dd', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'param', 'track']);

/** Refuses markup nested deeper than any article, before a parser spends minutes on it. */
export function assertShallowMarkup(html: string, location: string): void {
  let depth = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = match;
    if (selfClosing || NOT_NESTING.has(name.toLowerCase())) continue;
    depth += closing ? -1 : 1;
    if (depth > MAX_NESTING) throw new InputError(`${location}: markup nested more than ${MAX_NESTING} levels deep; not an article page`);
  }
}

/** Plain text of an HTML fragment (feed content), without running or keeping any markup. */
export function htmlFragmentToText(html: string, location = 'feed entry'): string {
  assertShallowMarkup(html, location);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll('script, style, noscript, iframe')) element.remove();
  for (const element of document.querySelectorAll('br')) element.replaceWith('\n');
  for (const element of document.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, blockquote')) {
    element.append('\n\n');
  }
  return normaliseText(document.body?.textContent ?? '');
}
