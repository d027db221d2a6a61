import { isSpaceCode } from '../scan.ts';

/** A token of a sentence: its text as it appears in the input and its character offsets (end exclusive). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// Abbreviations whose final period belongs to the word, as CoNLL-2003 (Reuters) writes them.
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt', 'cmdr',
    'sgt', 'rev', 'hon', 'pres', 'inc', 'corp', 'ltd', 'co', 'plc', 'bros', 'vs', 'etc', 'jan',
    'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'ave', 'blvd',
    'dept', 'approx', 'e.g', 'i.e', 'a.m', 'p.m',
  ],
);
// Abbreviations only before a number ("No. 1", "Fig. 3"); elsewhere "No." ends a sentence.
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'fig', 'vol', 'art']);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Initials and dotted acronyms: one capital ("J"), or letters joined by single dots ("U.S", "F.C", "a.m").
const INITIALS = /^(?:\p{Lu}|\p{L}(?:\.\p{L})+)$/u;

/*
 * The tokenizer sees every character of every sentence, so it works on char codes and offsets into the
 * sentence: no chunk strings, no regex run per chunk.
 *
 * It is also shaped for text the process has not seen yet. V8 optimises a function for the paths it has
 * seen; the first time new text takes another one, the function is thrown away and compiled again, with
 * everything inlined into it. So the common chunks (a word with quotes, brackets, punctuation or a clitic
 * around it) take a path whose every step the first articles exercise, and the rare ones (dashes, ellipses)
 * go to `splitChunk`, which is called too seldom to be inlined into the loop.
 */

/**
 * Splits ONE sentence into CoNLL-2003-style tokens: punctuation and quotes are split off, clitics ('s, n't)
 * become their own tokens, currency signs are split from amounts, while abbreviations ("U.S.", "Mr."),
 * hyphenated words ("Kassym-Jomart"), numbers ("5.3", "1,000", "1/2") stay whole.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let start = whiteSpaceEnd(text, 0);
  while (start < n) {
    // The chunk: a run of characters other than white space.
    let end = start;
    let plain = true;
    let dashOrEllipsis = false;
    for (; end < n; end++) {
      const code = text.charCodeAt(end);
      if (isAsciiLetterOrDigit(code)) continue;
      if (isSpaceCode(code)) break;
      plain = false;
      if (startsDashOrEllipsis(text, end, code)) dashOrEllipsis = true;
    }
    const nextStart = whiteSpaceEnd(text, end);
    // "No." keeps its period before a number ("No. 1"): whether the next chunk starts with a digit.
    // (Read only inside the text: reading past its end gives NaN, which throws away the compiled loop.)
    const nextIsDigit = nextStart < n && isDigit(text.charCodeAt(nextStart));
    // Letters and digits only: one token, as the checks would find.
    if (plain) tokens.push(tokenOf(text, start, end));
    else if (dashOrEllipsis) splitChunk(text, start, end, nextIsDigit, tokens);
    else splitWordChunk(text, start, end, nextIsDigit, tokens);
    start = nextStart;
  }
  return tokens;
}

/*
 * Tokens are made by a class rather than an object literal. V8 watches the objects each literal makes:
 * once it sees most of them outlive a garbage collection (tokens live until the document is tagged), it
 * allocates that literal's objects elsewhere and throws away every optimised function that made them,
 * tokenize and all it inlines. Objects made by `new` are not tracked this way.
 */
class SentenceToken implements Token {
  text: string;
  start: number;
  end: number;

  constructor(text: string, start: number, end: number) {
    this.text = text;
    this.start = start;
    this.end = end;
  }
}

function tokenOf(text: string, start: number, end: number): Token {
  return new SentenceToken(text.slice(start, end), start, end);
}

/** An em dash, an en dash, an ellipsis, or the first of two hyphens or two periods. */
function startsDashOrEllipsis(text: string, at: number, code: number): boolean {
  if (code === 45 || code === 46) return at + 1 < text.length && text.charCodeAt(at + 1) === code;
  return code === 0x2014 || code === 0x2013 || code === 0x2026;
}

/**
 * A chunk without dashes or ellipses, the common one: a word (or number, or abbreviation) with quotes,
 * brackets, currency signs or punctuation around it, maybe with a clitic. Splits it as `splitChunk` would.
 */
function splitWordChunk(text: string, chunkStart: number, chunkEnd: number, nextIsDigit: boolean, out: Token[]): void {
  let start = chunkStart;
  let end = chunkEnd;
  while (start < end && isOpeningOrCurrency(text.charCodeAt(start))) {
    out.push(tokenOf(text, start, start + 1));
    start++;
  }
  let tail: Token[] | undefined;
  while (end > start) {
    const code = text.charCodeAt(end - 1);
    if (code === 46 ? keepsPeriod(text, start, end, nextIsDigit) : !isTrailingMark(code)) break;
    (tail ??= []).push(tokenOf(text, end - 1, end));
    end--;
  }
  if (end > start) splitWord(text, start, end, out);
  if (tail) for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
}

/** Splits the chunk `text[chunkStart, chunkEnd)` into tokens, whatever it holds. */
function splitChunk(text: string, chunkStart: number, chunkEnd: number, nextIsDigit: boolean, out: Token[]): void {
  let start = chunkStart;
  let end = chunkEnd;
  // Leading quotes, brackets, currency signs and dashes (nothing else is added to `out` before them).
  while (start < end) {
    const code = text.charCodeAt(start);
    // "US$" style prefixes are rare; a lone currency sign before a number is its own token.
    if (isOpeningOrCurrency(code)) {
      out.push(tokenOf(text, start, start + 1));
      start++;
    } else if (startsDash(text, start, end)) {
      const dashEnd = dashRunEnd(text, start + 1, end);
      out.push(tokenOf(text, start, dashEnd));
      start = dashEnd;
    } else break;
  }
  // Trailing punctuation, quotes, brackets, ellipses, periods that are not part of an abbreviation:
  // split off last first, so kept aside and added after the middle.
  let tail: Token[] | undefined;
  while (end > start) {
    const code = text.charCodeAt(end - 1);
    let from = end;
    if (code === 46) {
      if (end - 3 >= start && text.charCodeAt(end - 2) === 46 && text.charCodeAt(end - 3) === 46) from = end - 3; // "..."
      else if (keepsPeriod(text, start, end, nextIsDigit)) break;
      else from = end - 1;
    } else if (code === 0x2026 || isTrailingMark(code)) from = end - 1;
    else if (endsDash(text, chunkStart, end, code)) from = dashRunStart(text, start, end - 1);
    else break;
    (tail ??= []).push(tokenOf(text, from, end));
    end = from;
  }
  if (end > start) splitMiddle(text, start, end, out);
  if (tail) for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
}

/** The middle of a chunk: dashes between words ("war--and"), em dashes, clitics. */
function splitMiddle(text: string, start: number, end: number, out: Token[]): void {
  const dash = dashIndex(text, start, end);
  if (dash > start) splitAtDash(text, start, dash, end, out);
  else splitWord(text, start, end, out);
}

/** "war--and", "Guterres—the": the words before and after the dash, and the dash, are tokens. */
function splitAtDash(text: string, start: number, dash: number, end: number, out: Token[]): void {
  // Hyphens go together ("--", "---"); an em or en dash is one character.
  const dashEnd = text.charCodeAt(dash) === 45 ? hyphenRunEnd(text, dash, end) : dash + 1;
  splitMiddle(text, start, dash, out);
  out.push(tokenOf(text, dash, dashEnd));
  // The rest is split as a chunk of its own, with no next chunk to look at.
  if (dashEnd < end) splitChunk(text, dashEnd, end, false, out);
}

/** A word, with its clitic as a token of its own ("Iran" "'s", "do" "n't"). */
function splitWord(text: string, start: number, end: number, out: Token[]): void {
  const split = cliticStart(text, start, end);
  if (split > start && LETTER_OR_DIGIT.test(text[split - 1]!)) {
    out.push(tokenOf(text, start, split));
    out.push(tokenOf(text, split, end));
    return;
  }
  out.push(tokenOf(text, start, end));
}

/**
 * Where a clitic ("'s", "n't", "'re", "'ve", "'ll", "'d", "'m", with ' or ’, any case) ends the word
 * `text[start, end)`, or -1. The longest clitic wins, and at least one character must come before it.
 */
function cliticStart(text: string, start: number, end: number): number {
  if (end - start >= 4 && isThreeLetterClitic(text, end - 3)) return end - 3;
  if (end - start >= 3 && isApostrophe(text.charCodeAt(end - 2)) && isOneLetterCliticEnd(text.charCodeAt(end - 1))) return end - 2;
  return -1;
}

/** n't, 're, 've, 'll (any case, ' or ’). */
function isThreeLetterClitic(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  const second = lowerAscii(text.charCodeAt(at + 1));
  const third = lowerAscii(text.charCodeAt(at + 2));
  // n't: the apostrophe is the second character.
  if (lowerAscii(first) === 110) return isApostrophe(text.charCodeAt(at + 1)) && third === 116;
  return isApostrophe(first) && ((second === 114 && third === 101) || (second === 118 && third === 101) || (second === 108 && third === 108));
}

/** s, d, m (any case), the letter of the clitics 's, 'd, 'm. */
function isOneLetterCliticEnd(code: number): boolean {
  const lower = lowerAscii(code);
  return lower === 115 || lower === 100 || lower === 109;
}

/**
 * The code with the lower-case bit set: an ASCII capital becomes its small letter. Only A-Z and a-z end up
 * in a-z this way, so comparing the result with a small letter is an ASCII case-insensitive match (as the
 * pattern's `i` flag matched: without `u`, no other character matches an ASCII letter).
 */
function lowerAscii(code: number): number {
  return code | 0x20;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

/** Whether the period ending `text[start, end)` belongs to the word. */
function keepsPeriod(text: string, start: number, end: number, nextIsDigit: boolean): boolean {
  if (end - start <= 1) return false;
  const body = text.slice(start, end - 1);
  const lower = body.toLowerCase();
  if (NUMBER_ABBREVIATIONS.has(lower)) return nextIsDigit;
  // Initials and dotted acronyms: "U.S.", "J.", "F.C.", "a.m."
  return INITIALS.test(body) || ABBREVIATIONS.has(lower);
}

/** The first dash inside `text[start, end)`: two or more hyphens, an em dash or an en dash; -1 if none. */
function dashIndex(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (startsDash(text, i, end)) return i;
  return -1;
}

/** A dash that starts at `at`: an em dash, an en dash or two hyphens (before `end`). */
function startsDash(text: string, at: number, end: number): boolean {
  const code = text.charCodeAt(at);
  return code === 0x2014 || code === 0x2013 || (code === 45 && at + 1 < end && text.charCodeAt(at + 1) === 45);
}

/** A dash that ends at `end`: an em dash, an en dash or two hyphens (inside the chunk). */
function endsDash(text: string, chunkStart: number, end: number, code: number): boolean {
  return code === 0x2014 || code === 0x2013 || (code === 45 && end - 2 >= chunkStart && text.charCodeAt(end - 2) === 45);
}

/** Past the hyphens, em dashes and en dashes from `i`. */
function dashRunEnd(text: string, i: number, end: number): number {
  while (i < end && isDashCharacter(text.charCodeAt(i))) i++;
  return i;
}

function hyphenRunEnd(text: string, i: number, end: number): number {
  while (i < end && text.charCodeAt(i) === 45) i++;
  return i;
}

/** Back over the hyphens, em dashes and en dashes before `from`, not past `start`. */
function dashRunStart(text: string, start: number, from: number): number {
  while (from > start && isDashCharacter(text.charCodeAt(from - 1))) from--;
  return from;
}

function isDashCharacter(code: number): boolean {
  return code === 45 || code === 0x2014 || code === 0x2013;
}

/*
 * The character classes below are flat chains of comparisons rather than branches on ranges: most
 * characters checked are in none of them and run the whole chain, so every comparison is one V8 has
 * seen before an unusual character comes.
 */

/** Opening quotes and brackets " ' ` ( [ { “ ‘ « „ and currency signs $ £ € ¥: tokens of their own. */
function isOpeningOrCurrency(code: number): boolean {
  return code === 34 || code === 39 || code === 40 || code === 91 || code === 96 || code === 123 || code === 0x201c ||
    code === 0x2018 || code === 0xab || code === 0x201e || code === 36 || code === 0xa3 || code === 0x20ac || code === 0xa5;
}

/**
 * Marks split off the end of a word one by one: closing quotes and brackets " ' ` ) ] } ” ’ », punctuation
 * , ; : ! ? and the percent sign. An apostrophe closing a plural possessive ("leaders'") is a token of
 * its own, as in CoNLL.
 */
function isTrailingMark(code: number): boolean {
  return code === 44 || code === 34 || code === 39 || code === 41 || code === 58 || code === 59 || code === 33 ||
    code === 63 || code === 37 || code === 93 || code === 125 || code === 96 || code === 0x201d || code === 0x2019 || code === 0xbb;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function whiteSpaceEnd(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}
