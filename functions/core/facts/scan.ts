/**
 * Small string scans that replace end-anchored regular expressions on hot paths. A pattern such as
 * /([\p{L}.-]+)\s+$/u is tried from every position of the string, so it costs a pass over the word
 * at each start; scanning back from the end reads each character once.
 */

/** Classes of one UTF-16 code unit, as bits: see `charFlags`. */
export const LETTER = 1; // \p{L}
export const UPPER = 2; // \p{Lu}
export const SPACE = 4; // \s
const KNOWN = 128;

/**
 * The classes of each code unit seen so far, worked out with the patterns the first time a code unit
 * is seen. Every character, ASCII or not, takes the same path: a branch for non-ASCII text only would
 * be one the compiled code may never have seen, and taking it the first time throws that code away.
 */
const flagsOf = new Uint8Array(0x10000);

function classify(code: number): number {
  const char = String.fromCharCode(code);
  return KNOWN | (/\p{L}/u.test(char) ? LETTER : 0) | (/\p{Lu}/u.test(char) ? UPPER : 0) | (/\s/.test(char) ? SPACE : 0);
}

/** The classes (`LETTER`, `UPPER`, `SPACE`) of a code unit; a lone surrogate is none of them. */
export function charFlags(code: number): number {
  let flags = flagsOf[code] as number;
  if (flags === 0) flagsOf[code] = flags = classify(code);
  return flags;
}

export function isSpaceCode(code: number): boolean {
  return (charFlags(code) & SPACE) !== 0;
}

const WORD_CHAR = /^[\p{L}.-]$/u;

/**
 * The run of letters, dots and hyphens that ends where the trailing white space of `text` begins
 * (what /([\p{L}.-]+)\s+$/u captures), or undefined when there is no trailing white space or no
 * such run before it.
 */
export function wordBeforeTrailingSpace(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end === text.length) return undefined;
  let start = end;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if ((code & 0xfc00) === 0xdc00 && start >= 2) {
      // The second half of a pair: a letter outside the Basic Multilingual Plane is two code units.
      if (!WORD_CHAR.test(text.slice(start - 2, start))) break;
      start -= 2;
    } else if (code === 0x2e || code === 0x2d || (charFlags(code) & LETTER) !== 0) start--;
    else break;
  }
  return start < end ? text.slice(start, end) : undefined;
}
