import { InputError } from '../errors.ts';

/**
 * Control characters, bidirectional overrides (which can make text read differently from what it
 * is) and zero-width characters: none belongs in a digest.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Collapses spaces inside lines and runs of blank lines, keeping paragraph breaks; drops invisible characters. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/\u00a0/g, ' ')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/[ \t\f\v]+/g, ' ').replace(/ ?\n ?/g, '\n').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/**
 * Text of a .txt or .md article. Markdown markup that would show up in sentences (headings,
 * emphasis, links, images) is reduced to its words; a leading "# Heading" becomes the title.
 */
export function readTextArticle(body: string, location: string): { title?: string; text: string } {
  let text = body.replace(/^\uFEFF/, '');
  let title: string | undefined;
  if (/\.(md|markdown)$/i.test(location)) {
    const heading = /^\s*#\s+(.+)\n/.exec(text);
    if (heading?.[1]) {
      title = heading[1].trim();
      text = text.slice(heading[0].length);
    }
    text = text
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
      .replace(/^\s*[-*+]\s+/gm, '');
  }
  const normalised = normaliseText(text);
  if (normalised.length === 0) throw new InputError(`${location}: the file is empty`);
  return { ...(title ? { title } : {}), text: normalised };
}
