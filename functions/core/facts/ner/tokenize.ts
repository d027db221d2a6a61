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
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const chunks = [...text.matchAll(/\S+/g)];
  chunks.forEach((match, i) => splitChunk(match[0], match.index, tokens, chunks[i + 1]?.[0] ?? ''));
  return tokens;
}

function splitChunk(chunk: string, offset: number, out: Token[], next = ''): void {
  let start = 0;
  let end = chunk.length;
  const head: Token[] = [];
  const tail: Token[] = [];
  const push = (list: Token[], from: number, to: number) =>
    list.push({ text: chunk.slice(from, to), start: offset + from, end: offset + to });

  // Leading quotes, brackets and currency signs.
  while (start < end) {
    const ch = chunk[start]!;
    if (OPENING.includes(ch) || CURRENCY.includes(ch)) {
      // "US$" style prefixes are rare; a lone currency sign before a number is its own token.
      push(head, start, start + 1);
      start++;
    } else if (chunk.startsWith('--', start) || ch === '—' || ch === '–') {
      let j = start + 1;
      while (j < end && (chunk[j] === '-' || chunk[j] === '—' || chunk[j] === '–')) j++;
      push(head, start, j);
      start = j;
    } else break;
  }
  // Trailing punctuation, quotes, brackets, ellipses, periods that are not part of an abbreviation.
  while (end > start) {
    const ch = chunk[end - 1]!;
    if (chunk.endsWith('...', end) && end - 3 >= start) {
      push(tail, end - 3, end);
      end -= 3;
    } else if (ch === '…') {
      push(tail, end - 1, end);
      end--;
    } else if (ch === '.') {
      const word = chunk.slice(start, end);
      if (keepsPeriod(word, next)) break;
      push(tail, end - 1, end);
      end--;
    } else if (ch === '%') {
      push(tail, end - 1, end);
      end--;
    } else if (CLOSING.includes(ch)) {
      // An apostrophe closing a plural possessive ("leaders'") is a token of its own, as in CoNLL.
      push(tail, end - 1, end);
      end--;
    } else if (ch === '—' || ch === '–' || (ch === '-' && chunk[end - 2] === '-')) {
      let j = end - 1;
      while (j > start && (chunk[j - 1] === '-' || chunk[j - 1] === '—' || chunk[j - 1] === '–')) j--;
      push(tail, j, end);
      end = j;
    } else break;
  }
  tail.reverse();
  out.push(...head);
  if (end > start) splitMiddle(chunk, start, end, offset, out);
  out.push(...tail);
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
