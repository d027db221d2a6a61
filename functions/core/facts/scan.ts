/**
 * Small string scans that replace end-anchored regular expressions on hot paths. A pattern such as
 * /([\p{L}.-]+)\s+$/u is tried from every position of the string, so it costs a pass over the word
 * at each start; scanning back from the end reads each character once.
 */

const WORD_CHAR = /^[\p{L}.-]$/u;
const SPACE = /\s/;

/**
 * The run of letters, dots and hyphens that ends where the trailing white space of `text` begins
 * (what /([\p{L}.-]+)\s+$/u captures), or undefined when there is no trailing white space or no
 * such run before it.
 */
export function wordBeforeTrailingSpace(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1] as string)) end--;
  if (end === text.length) return undefined;
  let start = end;
  while (start > 0) {
    // A letter outside the Basic Multilingual Plane is two code units: test the pair as one character.
    const code = text.charCodeAt(start - 1);
    const width = code >= 0xdc00 && code <= 0xdfff && start >= 2 ? 2 : 1;
    if (!WORD_CHAR.test(text.slice(start - width, start))) break;
    start -= width;
  }
  return start < end ? text.slice(start, end) : undefined;
}
