/**
 * Page furniture removal: the share buttons, comment prompts, cookie notices, "Read more" links and
 * headings that text extracted from a web page brings along. None of it is a fact of the article.
 */
import type { Block } from './sentences.ts';

/** Whole lines that are furniture on news sites (matched case-insensitively, trailing punctuation ignored). */
const FURNITURE_LINE = new RegExp(
  '^(?:' +
    [
      'share(?: this)?(?: (?:article|story|post|page))?(?: on \\w+)?',
      'tweet(?: this)?', 'e-?mail(?: this)?(?: (?:article|story))?', 'print(?: this)?(?: (?:article|page))?',
      'pin it', 'copy link', 'save(?: (?:article|story))?', 'bookmark',
      '\\d* ?comments?', 'no comments?(?: yet)?', 'leave a (?:reply|comment)', 'post a comment', 'add a comment',
      'join the (?:discussion|conversation)', 'show comments', 'reply', 'cancel reply',
      'subscribe(?: now| today| to .{0,40})?', 'sign up(?: .{0,60})?', 'sign in', 'log ?in', 'log ?out', 'register',
      'menu', 'search', 'home', 'close', 'skip to (?:main )?content', 'back to top', 'exit mobile version',
      'advertisement', 'advertising', 'ad', 'sponsored(?: content)?', 'promoted(?: content)?', 'paid content',
      'read more(?:[: ].{0,80})?', 'read next(?:[: ].{0,80})?', 'continue reading(?: .{0,40})?', 'see also(?:[: ].{0,80})?',
      'related(?: (?:articles|stories|posts|content|coverage|news))?(?:[: ].{0,80})?',
      'recommended(?: for you)?', 'most (?:read|popular|viewed)', 'trending(?: now)?', 'you (?:may|might) also like',
      'more (?:from|on|stories|news)(?: .{0,60})?', 'top stories', 'latest news',
      'click here.{0,80}', 'follow us.{0,60}', 'like us on .{0,40}',
      '(?:we use )?cookies?.{0,120}', 'accept(?: all)?(?: cookies)?', 'manage (?:cookies|preferences|consent)',
      'privacy policy', 'terms (?:of (?:use|service)|and conditions)', 'all rights reserved.{0,80}',
      '(?:copyright|©).{0,80}', 'tags?:.{0,200}', 'topics?:.{0,200}', 'filed under.{0,120}', 'posted in.{0,120}',
      '(?:image|photo|picture|video|credit|source)s?: .{0,80}', 'getty images', 'reuters', 'ap photo.{0,60}',
      'newsletter.{0,80}', '.{0,60} newsletter', 'watch(?: the)? video.{0,60}', 'listen(?: to)? (?:this|the) (?:article|story).{0,40}',
      '\\d+ min(?:ute)?s? read', 'updated:? .{0,60}', 'published:? .{0,60}',
    ].join('|') +
    ')[\\s.!:|»›>-]*$',
  'iu',
);

/** Words of a social-sharing bar ("Share Facebook Twitter Email"). */
const SHARE_BAR_WORDS = new Set([
  'share', 'facebook', 'twitter', 'x', 'email', 'e-mail', 'whatsapp', 'linkedin', 'pinterest', 'reddit', 'telegram',
  'print', 'copy', 'link', 'messenger', 'tumblr', 'flipboard', 'sms', 'comments', 'comment', 'this', 'article', 'on',
]);

const NOT_LETTER_OR_HYPHEN = /[^\p{L}-]/gu;

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Whether one line or sentence is page furniture rather than article text. */
export function isFurniture(text: string): boolean {
  // Furniture lines are short; a long block is article text (and this keeps the check cheap).
  if (text.length > 200) return false;
  const trimmed = text.trim();
  if (trimmed === '') return true;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  const ws = words(trimmed);
  if (ws.length <= 14 && FURNITURE_LINE.test(trimmed)) return true;
  // The cheap pattern first, for every line: a test that only short lines reach was code V8 had never
  // run when the first short line came, and running it then threw away the compiled caller.
  if (/^by\s/i.test(trimmed) && ws.length <= 10 && isByline(trimmed)) return true;
  // Every word a share-bar word (the first word of a sentence usually settles it).
  return ws.length >= 2 && ws.every((w) => SHARE_BAR_WORDS.has(w.toLowerCase().replace(NOT_LETTER_OR_HYPHEN, '')));
}

function isByline(text: string): boolean {
  // Case-sensitive check on the name words: "By the end of the day" is a sentence, not a byline.
  const rest = text.replace(/^by\s+/i, '').replace(/[\s,|]+$/, '');
  return rest.split(/\s+|,\s*/).filter(Boolean).every((w) => /^\p{Lu}/u.test(w) || /^(?:and|&|de|van|von|der|al)$/.test(w));
}

/** A line that reads as a sentence: enough words, or terminal punctuation. */
export function looksLikeSentence(text: string): boolean {
  if (text.length > 200) return true;
  const ws = words(text);
  if (ws.length >= 8) return true;
  return ws.length >= 3 && /[.!?…]["'”’)\]]*$/.test(text.trim());
}

export interface CleanedBlocks {
  /** The article's own heading, when the text starts with one. */
  heading?: string;
  /** The "Published: ..." line of the page, when it has one: a reference for relative dates. */
  published?: string;
  body: Block[];
}

/** A "Published: ..." line of fewer than 80 characters (the look-behind checks the length once the rest matched). */
const PUBLISHED_LINE = /^(?:published|posted|first published)(?: on)?:?\s+(.{6,60})$(?<=^[^]{0,79})/i;

/**
 * Drops furniture blocks, headings and stray short lines, and recognises a leading heading.
 * A short non-sentence line is kept out of the body wherever it is; a run of them after the last real
 * paragraph (the footer of a page) is dropped as a whole.
 */
export function removeBoilerplate(blocks: Block[]): CleanedBlocks {
  const cleaned: Block[] = [];
  let heading: string | undefined;
  let published: string | undefined;
  // A loop, not forEach: a callback is one more function for V8 to compile.
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    const text = stripMarkdown(block.text);
    // Every block is tried, whatever its length (the pattern checks it): see `isFurniture`.
    const publishedMatch = published === undefined ? PUBLISHED_LINE.exec(text) : null;
    if (publishedMatch) published = publishedMatch[1];
    if (text === '' || isFurniture(text)) continue;
    if (looksLikeSentence(text) && !/^#/.test(block.text)) {
      cleaned.push({ text, paragraph: block.paragraph });
      continue;
    }
    const isLeadingHeading = index === 0 && blocks.length > 1 && words(text).length >= 2 && words(text).length <= 20;
    if (isLeadingHeading && heading === undefined) heading = text.replace(/[.:]$/, '');
  }
  return { heading, published, body: cleaned };
}

/** Light Markdown clean-up so `.md` articles read as plain text. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/^#{1,6}\s+/, '')
    .replace(/^(?:[-*+]|>)\s+/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .trim();
}
