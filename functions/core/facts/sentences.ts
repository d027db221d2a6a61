/**
 * Sentence splitting for news text. A boundary is terminal punctuation (plus closing quotes or
 * brackets), white space, then something that can open a sentence; abbreviations, initials,
 * dotted acronyms and decimals are not boundaries.
 */

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

const CLOSERS = '"\'”’»)]';
const OPENERS = '"\'“‘«([';

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** A letter of a script without case (Chinese, Arabic, ...) can open a sentence too. */
function isUncasedLetter(ch: string): boolean {
  return ch.toLowerCase() === ch.toUpperCase() && /\p{L}/u.test(ch);
}

function isSentenceStart(ch: string): boolean {
  return isUpper(ch) || (ch >= '0' && ch <= '9') || OPENERS.includes(ch) || isUncasedLetter(ch);
}

/** Full-width terminals end a sentence without a following space. */
const FULL_WIDTH_TERMINALS = '。！？';

/** The word (letters and inner dots) that ends right before `end` in `text`. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, end);
}

function wordAfter(text: string, start: number): string {
  const match = /^[\p{L}\p{N}'’-]+/u.exec(text.slice(start, start + 40));
  return match ? match[0] : '';
}

/** Whether the period at `dot` (followed by white space and `next`) ends a sentence. */
function periodEndsSentence(text: string, dot: number, nextStart: number): boolean {
  const word = wordBefore(text, dot);
  const original = word.replace(/\.+$/, '');
  const bare = original.toLowerCase();
  const next = wordAfter(text, nextStart);
  const nextLower = next.toLowerCase();
  const nextIsOpener = SENTENCE_OPENERS.has(nextLower);
  if (bare === '') return true;
  if (TITLE_ABBREVIATIONS.has(bare)) return false;
  if (SOFT_ABBREVIATIONS.has(bare)) {
    if (/^[0-9]/.test(next)) return false;
    return nextIsOpener;
  }
  // A single capital letter: an initial ("John F. Kennedy"), unless a clear opener follows.
  if (/^\p{Lu}$/u.test(original)) return nextIsOpener && !/^\p{Lu}\.$/u.test(text.slice(nextStart, nextStart + 2));
  // Dotted acronyms ("U.S.", "U.N."): a boundary only before a clear sentence opener.
  if (/^(\p{L}\.)+\p{L}$/u.test(original)) return nextIsOpener;
  return true;
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
    // Fast path: most characters are not terminals.
    if (code !== 46 && code !== 33 && code !== 63 && code !== 0x2026 && code !== 0x3002 && code !== 0xff01 && code !== 0xff1f) continue;
    const ch = block[i] as string;
    if (FULL_WIDTH_TERMINALS.includes(ch)) {
      let end = i + 1;
      while (end < n && (FULL_WIDTH_TERMINALS.includes(block[end] as string) || CLOSERS.includes(block[end] as string) || '」』'.includes(block[end] as string))) end++;
      const sentence = block.slice(start, end).trim();
      if (sentence) sentences.push(sentence);
      start = end;
      i = end - 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let end = i + 1;
    while (end < n && (block[end] === '.' || block[end] === '!' || block[end] === '?' || block[end] === '…')) end++;
    while (end < n && CLOSERS.includes(block[end] as string)) end++;
    let next = end;
    while (next < n && /\s/.test(block[next] as string)) next++;
    if (next === end || next >= n) {
      i = end - 1;
      continue;
    }
    const nextCh = block[next] as string;
    if (!isSentenceStart(nextCh)) {
      i = end - 1;
      continue;
    }
    if (ch === '.' && end === i + 1 && !periodEndsSentence(block, i, next)) continue;
    const sentence = block.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = next;
    i = next - 1;
  }
  const rest = block.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/**
 * Removes what a reader never sees but a terminal or page would act on: terminal colour codes, control
 * characters (line breaks and tabs stay), bidirectional overrides and zero-width characters.
 */
export function removeInvisible(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '');
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
  const paragraphs = removeInvisible(text).replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0]*\n/);
  let paragraph = 0;
  for (const raw of paragraphs) {
    const lines = raw.split('\n').map((l) => l.replace(SPACE_TO_COLLAPSE, ' ').trim()).filter((l) => l !== '');
    if (lines.length === 0) continue;
    let current = '';
    let previousLine = '';
    for (const line of lines) {
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
    if (current) blocks.push({ text: current, paragraph });
    paragraph++;
  }
  return blocks;
}

/** Hard-wrapped prose: the previous line is long and stops mid-sentence. */
function continuesLine(previous: string, line: string): boolean {
  if (previous.length < 40) return false;
  if (/[.!?:…]["'”’)\]]*$/.test(previous)) return false;
  return /^[\p{Ll}\p{Lu}0-9"“'‘(]/u.test(line);
}
