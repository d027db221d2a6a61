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

// Clitics split off the end of a word ("Iran's" -> "Iran" "'s", "don't" -> "do" "n't"), PTB/CoNLL style.
const CLITIC = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/i;

const OPENING = '"\'`([{“‘«„';
const CLOSING = '"\'`)]}”’»,;:!?';
const CURRENCY = '$£€¥';

function isLetterOrDigit(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Splits ONE sentence into CoNLL-2003-style tokens: punctuation and quotes are split off, clitics ('s, n't)
 * become their own tokens, currency signs are split from amounts, while abbreviations ("U.S.", "Mr."),
 * hyphenated words ("Kassym-Jomart"), numbers ("5.3", "1,000", "1/2") stay whole.
 */
const CHUNK = /\S+/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  CHUNK.lastIndex = 0;
  let match = CHUNK.exec(text);
  while (match !== null) {
    const next = CHUNK.exec(text);
    splitChunk(match[0], match.index, tokens, next === null ? '' : next[0]);
    match = next;
  }
  return tokens;
}

function tokenOf(chunk: string, from: number, to: number, offset: number): Token {
  return { text: chunk.slice(from, to), start: offset + from, end: offset + to };
}

/** Letters and digits only: the common chunk, one token, as the checks below would find. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/;

function splitChunk(chunk: string, offset: number, out: Token[], next = ''): void {
  if (PLAIN_WORD.test(chunk)) {
    out.push({ text: chunk, start: offset, end: offset + chunk.length });
    return;
  }
  let start = 0;
  let end = chunk.length;
  // Split-off tokens at the end, last first.
  let tail: Token[] | undefined;

  // Leading quotes, brackets and currency signs (nothing else is added to `out` before them).
  while (start < end) {
    const ch = chunk[start]!;
    if (OPENING.includes(ch) || CURRENCY.includes(ch)) {
      // "US$" style prefixes are rare; a lone currency sign before a number is its own token.
      out.push(tokenOf(chunk, start, start + 1, offset));
      start++;
    } else if (chunk.startsWith('--', start) || ch === '—' || ch === '–') {
      let j = start + 1;
      while (j < end && (chunk[j] === '-' || chunk[j] === '—' || chunk[j] === '–')) j++;
      out.push(tokenOf(chunk, start, j, offset));
      start = j;
    } else break;
  }
  // Trailing punctuation, quotes, brackets, ellipses, periods that are not part of an abbreviation.
  while (end > start) {
    const ch = chunk[end - 1]!;
    let from = end;
    if (chunk.endsWith('...', end) && end - 3 >= start) from = end - 3;
    else if (ch === '…') from = end - 1;
    else if (ch === '.') {
      if (keepsPeriod(chunk.slice(start, end), next)) break;
      from = end - 1;
    } else if (ch === '%') from = end - 1;
    // An apostrophe closing a plural possessive ("leaders'") is a token of its own, as in CoNLL.
    else if (CLOSING.includes(ch)) from = end - 1;
    else if (ch === '—' || ch === '–' || (ch === '-' && chunk[end - 2] === '-')) {
      from = end - 1;
      while (from > start && (chunk[from - 1] === '-' || chunk[from - 1] === '—' || chunk[from - 1] === '–')) from--;
    } else break;
    (tail ??= []).push(tokenOf(chunk, from, end, offset));
    end = from;
  }
  if (end > start) splitMiddle(chunk, start, end, offset, out);
  if (tail) for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
}

/** The middle of a chunk: clitics, dashes between words ("war--and"), em dashes. */
function splitMiddle(chunk: string, start: number, end: number, offset: number, out: Token[]): void {
  const word = chunk.slice(start, end);
  const dash = /--+|[—–]/.exec(word);
  if (dash && dash.index > 0) {
    splitMiddle(chunk, start, start + dash.index, offset, out);
    out.push({ text: dash[0], start: offset + start + dash.index, end: offset + start + dash.index + dash[0].length });
    const after = start + dash.index + dash[0].length;
    if (after < end) splitChunk(chunk.slice(after, end), offset + after, out);
    return;
  }
  const clitic = CLITIC.exec(word);
  if (clitic && isLetterOrDigit(clitic[1]!.slice(-1))) {
    const split = start + clitic[1]!.length;
    out.push({ text: chunk.slice(start, split), start: offset + start, end: offset + split });
    out.push({ text: chunk.slice(split, end), start: offset + split, end: offset + end });
    return;
  }
  out.push({ text: word, start: offset + start, end: offset + end });
}

function keepsPeriod(word: string, next: string): boolean {
  if (word.length <= 1) return false;
  const body = word.slice(0, -1);
  if (NUMBER_ABBREVIATIONS.has(body.toLowerCase())) return /^\d/.test(next);
  // Initials and dotted acronyms: "U.S.", "J.", "F.C.", "a.m."
  if (/^(\p{L}\.)*\p{L}$/u.test(body) && (body.includes('.') || /^\p{Lu}$/u.test(body))) return true;
  return ABBREVIATIONS.has(body.toLowerCase());
}
