/**
 * Sentence splitting for news text. A boundary is terminal punctuation (plus closing quotes or
 * brackets), white space, then something that can open a sentence; abbreviations, initials,
 * dotted acronyms and decimals are not boundaries.
 */

import { isSpaceCode } from './scan.ts';

/** Abbreviations that never end a sentence when followed by a name or a number. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'rev', 'fr', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt',
  'cmdr', 'adm', 'maj', 'cpl', 'pvt', 'hon', 'pres', 'supt', 'insp', 'det', 'st', 'mt', 'ft', 'messrs',
  'no', 'nos', 'vs', 'v', 'cf', 'approx', 'est', 'dept', 'univ', 'vol', 'fig', 'pp', 'ald', 'atty',
]);

/** Abbreviations that end a sentence only if the next word is a clear sentence opener. */
const SOFT_ABBREVIATIONS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'inc', 'ltd', 'co', 'corp', 'bros', 'jr', 'sr', 'etc', 'al', 'e.g', 'i.e', 'a.m', 'p.m',
  'ave', 'blvd', 'rd', 'calif', 'fla', 'mass', 'penn', 'wash', 'ariz', 'colo', 'conn', 'ill', 'minn', 'tenn', 'tex',
]);

/** Capitalised words that usually open a sentence, used after ambiguous abbreviations. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our',
  'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'as', 'after', 'before',
  'this', 'that', 'these', 'those', 'there', 'here', 'when', 'while', 'if', 'although', 'however',
  'meanwhile', 'still', 'also', 'now', 'then', 'last', 'earlier', 'later', 'many', 'some', 'most', 'one',
  'officials', 'police', 'what', 'who', 'why', 'how', 'where', 'according', 'despite', 'during', 'since',
]);

const OPENERS = '"\'“‘«([';

const LETTER = /\p{L}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const DOTTED_ACRONYM = /^(\p{L}\.)+\p{L}$/u;
const WORD_AFTER = /^[\p{L}\p{N}'’-]+/u;

/*
 * The splitter looks at every character of the article, so it works on char codes: no one-character
 * strings, no regex run per character. Only a character outside ASCII goes to the Unicode-aware checks,
 * in small functions of their own, so that the rare paths stay small when V8 recompiles them.
 */

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** A letter of a script without case (Chinese, Arabic, ...) can open a sentence too. */
function isUncasedLetter(ch: string): boolean {
  return ch.toLowerCase() === ch.toUpperCase() && LETTER.test(ch);
}

/** A capital, a digit, an opening quote or bracket, or a letter of a script without case. */
function isSentenceStart(code: number): boolean {
  if (code >= 128) return isSentenceStartOutsideAscii(String.fromCharCode(code));
  // A-Z, 0-9, " ' ( [
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 34 || code === 39 || code === 40 || code === 91;
}

function isSentenceStartOutsideAscii(ch: string): boolean {
  return isUpper(ch) || OPENERS.includes(ch) || isUncasedLetter(ch);
}

/** . ! ? … */
function isTerminal(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026;
}

/** Full-width terminals (。！？) end a sentence without a following space. */
function isFullWidthTerminal(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f;
}

/** Closing quotes and brackets that stay with the sentence they close: " ' ” ’ » ) ] */
function isCloser(code: number): boolean {
  return code === 34 || code === 39 || code === 41 || code === 93 || code === 0x201d || code === 0x2019 || code === 0xbb;
}

/** Where the word (letters, digits and inner dots) that ends right before `end` starts. */
function wordStartBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && isWordOrDot(text.charCodeAt(i - 1))) i--;
  return i;
}

function isWordOrDot(code: number): boolean {
  if (code >= 128) return LETTER_OR_NUMBER.test(String.fromCharCode(code));
  // a-z, A-Z, 0-9, .
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46;
}

/** Whether the word at `start` (letters, digits, apostrophes, hyphens) is a clear sentence opener. */
function opensClearly(text: string, start: number): boolean {
  const limit = Math.min(text.length, start + 40);
  let end = start;
  for (; end < limit; end++) {
    const code = text.charCodeAt(end);
    if (code >= 128) return SENTENCE_OPENERS.has(wordAfter(text, start).toLowerCase());
    // a-z, A-Z, 0-9, ', -
    if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 39 || code === 45)) break;
  }
  return SENTENCE_OPENERS.has(text.slice(start, end).toLowerCase());
}

function wordAfter(text: string, start: number): string {
  const match = WORD_AFTER.exec(text.slice(start, start + 40));
  return match ? match[0] : '';
}

/** Whether the period at `dot` (followed by white space and a sentence start at `nextStart`) ends a sentence. */
function periodEndsSentence(text: string, dot: number, nextStart: number): boolean {
  const wordStart = wordStartBefore(text, dot);
  // The word without its trailing dots ("U.S." before the period of "U.S..").
  let wordEnd = dot;
  while (wordEnd > wordStart && text.charCodeAt(wordEnd - 1) === 46) wordEnd--;
  if (wordEnd === wordStart) return true;
  const original = text.slice(wordStart, wordEnd);
  const bare = original.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(bare)) return false;
  // A single capital letter is an initial ("John F. Kennedy"); dotted acronyms: "U.S.", "U.N.".
  const initial = wordEnd - wordStart === 1 && SINGLE_CAPITAL.test(original);
  if (!initial && !SOFT_ABBREVIATIONS.has(bare) && !isDottedAcronym(text, wordStart, original)) return true;
  // "J. A. Smith": after an initial, "A." (or "I.") is another initial. A clear opener followed by a period
  // is one of those two capitals, so the period alone tells. (Looked at for all three cases: a step taken
  // only after an initial would be one V8 has never seen when it first comes.)
  // (Read only inside the text: past its end charCodeAt gives NaN, which throws away the compiled code.)
  const nextIsInitial = nextStart + 1 < text.length && text.charCodeAt(nextStart + 1) === 46;
  // After these, only a clear opener starts a new sentence ("Jan. 5" does not: no opener starts with a digit).
  // One call for all three cases, for the same reason.
  return opensClearly(text, nextStart) && !(initial && nextIsInitial);
}

function isDottedAcronym(text: string, wordStart: number, word: string): boolean {
  return text.charCodeAt(wordStart + 1) === 46 && DOTTED_ACRONYM.test(word);
}

/** Adds `text` from `start` to `end`, trimmed, unless nothing is left. */
function pushTrimmed(out: string[], text: string, start: number, end: number): void {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push(text.slice(start, end));
}

/**
 * Splits one block of text (a paragraph or a line) into sentences, verbatim and trimmed.
 */
export function splitSentences(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const n = block.length;
  for (let i = 0; i < n; i++) {
    const code = block.charCodeAt(i);
    if (isTerminal(code)) {
      const end = terminalRunEnd(block, i + 1);
      const next = whiteSpaceEnd(block, end);
      if (next === end || next >= n || !isSentenceStart(block.charCodeAt(next))) {
        i = end - 1;
        continue;
      }
      if (code === 46 && end === i + 1 && !periodEndsSentence(block, i, next)) continue;
      pushTrimmed(sentences, block, start, end);
      start = next;
      i = next - 1;
    } else if (isFullWidthTerminal(code)) {
      const end = fullWidthRunEnd(block, i + 1);
      pushTrimmed(sentences, block, start, end);
      start = end;
      i = end - 1;
    }
  }
  pushTrimmed(sentences, block, start, n);
  return sentences;
}

/** Past the terminals (". . ." "?!") and closing quotes and brackets from `i`. */
function terminalRunEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isTerminal(text.charCodeAt(i))) i++;
  while (i < n && isCloser(text.charCodeAt(i))) i++;
  return i;
}

function whiteSpaceEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Past further full-width terminals, closing quotes and brackets, and the corner brackets 」』. */
function fullWidthRunEnd(text: string, i: number): number {
  const n = text.length;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (!isFullWidthTerminal(code) && !isCloser(code) && code !== 0x300d && code !== 0x300f) break;
  }
  return i;
}

/**
 * What a reader never sees but a terminal or page would act on: terminal colour codes, control characters
 * (line breaks and tabs stay), bidirectional overrides and zero-width characters. One pattern, so the text is
 * scanned once; the colour code comes first, so its escape character goes with the rest of the code.
 */
const INVISIBLE = /\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Removes what a reader never sees (see `INVISIBLE`). */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** A block of text: a paragraph, or a single line of a paragraph that is a list of short lines. */
export interface Block {
  text: string;
  paragraph: number;
}

/**
 * Runs of spaces, tabs and no-break spaces that are not already a single space. Replacing only these
 * gives the same text as collapsing every run, without rebuilding the line at each ordinary space.
 */
const SPACE_TO_COLLAPSE = /[ \t\u00a0]{2,}|[\t\u00a0]/g;

/**
 * Splits text into blocks. Paragraphs are separated by blank lines; inside a paragraph, hard-wrapped
 * prose is joined back into one block, while lines that end a sentence or stand alone
 * (headings, captions, "Share.") stay separate blocks.
 */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let clean = removeInvisible(text);
  // Most text has no carriage return; looking for one is much cheaper than a replace that finds none.
  if (clean.includes('\r')) clean = clean.replace(/\r\n?/g, '\n');
  let paragraph = 0;
  for (const raw of splitParagraphs(clean)) {
    let current = '';
    let previousLine = '';
    for (const rawLine of raw.split('\n')) {
      const line = rawLine.replace(SPACE_TO_COLLAPSE, ' ').trim();
      if (line === '') continue;
      if (current === '') {
        current = line;
        previousLine = line;
        continue;
      }
      const joined = continuesLine(previousLine, line);
      previousLine = line;
      if (joined) current = `${current} ${line}`;
      else {
        blocks.push({ text: current, paragraph });
        current = line;
      }
    }
    if (current === '') continue;
    blocks.push({ text: current, paragraph });
    paragraph++;
  }
  return blocks;
}

/**
 * The paragraphs of `text`: the pieces between blank lines (a line break, spaces, tabs or no-break spaces,
 * and a line break), as `text.split(/\n[ \t\u00a0]*\n/)` gives them. Found with indexOf, which measured
 * several times faster than that split.
 */
function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let start = 0;
  let lineBreak = text.indexOf('\n');
  while (lineBreak >= 0) {
    let after = lineBreak + 1;
    while (after < text.length && isBlankLineSpace(text.charCodeAt(after))) after++;
    if (after < text.length && text.charCodeAt(after) === 10) {
      paragraphs.push(text.slice(start, lineBreak));
      start = after + 1;
      lineBreak = text.indexOf('\n', start);
    } else {
      lineBreak = text.indexOf('\n', lineBreak + 1);
    }
  }
  paragraphs.push(text.slice(start));
  return paragraphs;
}

/** Space, tab or no-break space. */
function isBlankLineSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0;
}

/** Hard-wrapped prose: the previous line is long and stops mid-sentence. */
function continuesLine(previous: string, line: string): boolean {
  if (previous.length < 40) return false;
  if (/[.!?:…]["'”’)\]]*$/.test(previous)) return false;
  return /^[\p{Ll}\p{Lu}0-9"“'‘(]/u.test(line);
}
