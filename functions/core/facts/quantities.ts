/**
 * Quantities with what they count: "nine member nations", "10th member", "two-day meeting",
 * "second time since May", "$1.5 million", "12 percent".
 */
import { countryOfDemonym } from './gazetteer.ts';
import { allMatches } from './matches.ts';
import { charFlags, UPPER } from './scan.ts';
import type { QuantityFact } from './types.ts';

/**
 * Word alternatives that also match with a capital first letter ("Twenty people"). Written out rather
 * than with the i flag: case-insensitive alternations of many words cost milliseconds to compile, and
 * this runs in a cold Lambda.
 */
function capitalisable(alternatives: string): string {
  return alternatives
    .split('|')
    .map((w) => (/^[a-z]/.test(w) ? `[${w[0]}${(w[0] as string).toUpperCase()}]${w.slice(1)}` : w))
    .join('|');
}

const UNITS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const WORD_NUMBER = `(?:(?:${capitalisable(TENS)})(?:-(?:${UNITS}))?|${capitalisable(`${UNITS}|a dozen|dozens|hundreds|thousands|millions|billions|a hundred|a thousand|half a dozen`)})`;
const ORDINAL_WORD = capitalisable('second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fiftieth|hundredth|first');
const DIGITS = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const SCALE = '(?:\\s(?:hundred|thousand|million|billion|trillion)|\\s?(?:bn|m|k)\\b)';
const CURRENCY = '(?:US|A|C|NZ|HK|S)?[$£€¥₹]';

const QUANTITY = new RegExp(
  [
    `(${CURRENCY}\\s?(?:${DIGITS})${SCALE}?)`,
    `((?:${DIGITS})\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b))`,
    `(\\b(?:${DIGITS}|${WORD_NUMBER}|[Hh]alf)-(?:and-a-half-)?[a-zA-Z]+(?:-old)?\\b)`,
    `(\\b(?:\\d+(?:st|nd|rd|th)|${ORDINAL_WORD})\\b)`,
    `((?<![A-Za-z\\u00C0-\\u024F\\d-])(?:${DIGITS})${SCALE}?(?:\\s(?:dollars|pounds|euros|yuan|rupees|yen))?|\\b(?:${WORD_NUMBER})(?:\\s(?:hundred|thousand|million|billion))?\\b)`,
  ].join('|'),
  'g',
);

/** Words that end the counted noun phrase. */
const STOP = new Set([
  'of', 'the', 'a', 'an', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'but', 'with', 'by', 'from', 'as', 'that',
  'which', 'who', 'whom', 'whose', 'than', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have',
  'had', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'shall', 'said', 'says', 'say',
  'comes', 'come', 'came', 'goes', 'go', 'went', 'make', 'makes', 'made', 'including', 'per', 'each', 'his',
  'her', 'their', 'its', 'our', 'my', 'your', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'these',
  'those', 'there', 'here', 'after', 'before', 'since', 'until', 'while', 'when', 'where', 'if', 'not',
  'also', 'only', 'just', 'about', 'over', 'into', 'out', 'up', 'down', 'off', 'again', 'ago', 'later',
  'earlier', 'now', 'then', 'so', 'did', 'does', 'do', 'got', 'get', 'gets', 'took', 'take', 'takes', 'gave',
  'give', 'gives', 'became', 'become', 'becomes', 'remain', 'remains', 'seems', 'seem', 'appear', 'appears',
  'all', 'both', 'such', 'what', 'because', 'though', 'although', 'like', 'against', 'between', 'during',
  'without', 'within', 'through', 'under', 'above', 'below', 'among', 'around', 'across', 'toward', 'towards',
  'today', 'tomorrow', 'yesterday', 'tonight', 'back', 'away', 'apart', 'ahead', 'together',
  'behind', 'beyond', 'past', 'via', 'near', 'inside', 'outside', 'upon', 'onto', 'along', 'beside', 'despite',
  // common irregular past tenses, which would otherwise read as nouns
  'drew', 'took', 'rose', 'fell', 'won', 'lost', 'left', 'met', 'saw', 'ran', 'held', 'hit', 'led', 'paid', 'sold',
  'spent', 'brought', 'bought', 'began', 'grew', 'knew', 'thought', 'found', 'told', 'gave', 'went', 'sent', 'stood',
  'fought', 'built', 'broke', 'chose', 'wrote', 'spoke', 'kept', 'felt', 'struck', 'shot', 'flew', 'ate', 'sat',
]);

/** Modifiers allowed right after the number ("two more embryos", "nine other members"). */
const MODIFIERS = new Set(['more', 'other', 'additional', 'new', 'fewer', 'extra', 'further', 'separate', 'different']);

function isPluralNoun(word: string): boolean {
  // What /[^s'’]s$/ and not /(?:ss|us|is|ous)$/ say, on the last two characters.
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 0x73) return false;
  const before = word.charCodeAt(n - 2);
  return before !== 0x73 && before !== 0x27 && before !== 0x2019 && before !== 0x75 && before !== 0x69;
}

const CAPITAL = /^\p{Lu}/u;

/** Whether a word starts with a capital letter (/^\p{Lu}/u), read from the table of `charFlags`. */
function startsWithCapital(word: string): boolean {
  const code = word.charCodeAt(0);
  // A capital outside the Basic Multilingual Plane is a pair of code units: the pattern reads it.
  return (code & 0xfc00) === 0xd800 ? CAPITAL.test(word) : (charFlags(code) & UPPER) !== 0;
}

/** A past participle ("injured", "killed"), which ends the phrase: /[^e]ed$/. */
function endsInEd(lower: string): boolean {
  return lower.length >= 3 && lower.endsWith('ed') && lower.charCodeAt(lower.length - 3) !== 0x65;
}

// Sticky patterns, run where the phrase has got to in the sentence: no copy of the rest of the sentence
// per word.
/** White space and the next word. */
const NEXT_WORD = /(\s+)(\p{L}[\p{L}'’-]*)/uy;
/** White space and a capital: a name goes on. */
const CAPITAL_NEXT = /\s+\p{Lu}/uy;
/**
 * What follows "the second time": "since May", "in 20 years". Optional, so that it always matches
 * (empty when there is no such clause): reading the match is then the same work every time, and a clause
 * that the compiled code never saw does not throw it away.
 */
const SINCE_CLAUSE =
  /(?:\s+(?:since|in)\s+(?:\p{Lu}[\p{L}]+|\d{4}|(?:\d+|a|two|three|four|five|ten|several|many)\s+(?:years|decades|months|weeks)|decades|years))?/uy;

function capitalFollows(text: string, at: number): boolean {
  CAPITAL_NEXT.lastIndex = at;
  return CAPITAL_NEXT.test(text);
}

function sinceClause(text: string, at: number): string {
  SINCE_CLAUSE.lastIndex = at;
  return (SINCE_CLAUSE.exec(text) as RegExpExecArray)[0];
}

/** The counted noun phrase that starts at `from` in `text`, after the number, or '' when none follows. */
function countedPhrase(text: string, from: number, maxWords: number): string {
  let count = 0;
  let lastLower = '';
  let at = from;
  while (count < maxWords) {
    NEXT_WORD.lastIndex = at;
    const m = NEXT_WORD.exec(text);
    if (m === null) break;
    const word = m[2] as string;
    const lower = word.toLowerCase();
    if (STOP.has(lower)) break;
    const next = at + m[0].length;
    const capitalised = startsWithCapital(word);
    // A capitalised word counts only as a plural noun ("1.5 million Armenians"), not as the start of a
    // name ("13 Premier League titles").
    if (capitalised && countryOfDemonym(word)) {
      count++;
      lastLower = lower;
      at = next;
      continue;
    }
    if (capitalised && (!isPluralNoun(lower) || capitalFollows(text, next))) break;
    if (count > 0 && lower.endsWith('ly')) break;
    if (!capitalised && endsInEd(lower)) break;
    // "a 92-year-old man living alone": a participle after the noun starts a new phrase.
    if (count > 0 && lower.endsWith('ing') && !MODIFIERS.has(lastLower)) break;
    count++;
    lastLower = lower;
    at = next;
    if (MODIFIERS.has(lower)) continue;
    if (isPluralNoun(lower) || capitalised) break;
  }
  if (count === 0) return '';
  if (count === 1 && MODIFIERS.has(lastLower)) return '';
  const phrase = text.slice(from, at);
  // "the second time since May", "the first time in 20 years"
  return /\btimes?$/i.test(phrase) ? phrase + sinceClause(text, at) : phrase;
}

/**
 * Cheap tests that let sentences without any number skip the full pattern: a digit or currency sign,
 * or a number word. Two patterns, the sign first: one alternation of both tried every number word at
 * every position even of sentences with a digit.
 */
const NUMBER_CHAR = /[0-9$£€¥₹]/;
const NUMBER_WORD = new RegExp(
  `\\b(?:${capitalisable('one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens|hundreds|thousands|millions|billions|half|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fiftieth|hundredth')})\\b`,
);

function mayHaveNumber(sentence: string): boolean {
  return NUMBER_CHAR.test(sentence) || NUMBER_WORD.test(sentence);
}

function overlaps(start: number, end: number, spans: readonly [number, number][]): boolean {
  for (const [s, e] of spans) if (start < e && end > s) return true;
  return false;
}

/** Kinds of quantity, in the order of their groups in `QUANTITY`. */
const KINDS = ['money', 'percent', 'compound', 'ordinal', 'cardinal'] as const;

/** The kind of quantity that a match of `QUANTITY` is: the first alternative whose group is set. */
function kindOf(match: RegExpExecArray): string {
  for (let i = 0; i < KINDS.length; i++) if (match[i + 1] !== undefined) return KINDS[i] as string;
  return 'cardinal';
}

/**
 * Quantities of one sentence. Numbers inside `excluded` spans (dates) are skipped; bare numbers count
 * only with a noun after them, money and percentages on their own.
 */
export function findQuantities(sentence: string, sentenceIndex: number, excluded: readonly [number, number][] = []): QuantityFact[] {
  const facts: QuantityFact[] = [];
  if (!mayHaveNumber(sentence)) return facts;
  let lastEnd = 0;
  for (const m of allMatches(QUANTITY, sentence)) {
    const start = m.index;
    if (start < lastEnd) continue;
    const number = m[0];
    if (overlaps(start, start + number.length, excluded)) continue;
    const kind = kindOf(m);
    // A compound ("two-day") already holds its unit: one noun follows it.
    const phrase = kind === 'percent' ? '' : countedPhrase(sentence, start + number.length, kind === 'compound' ? 1 : 3);
    const lower = number.toLowerCase();
    if (kind === 'ordinal' && (!phrase || (lower === 'first' && !/^\s+time/.test(phrase)))) continue;
    if (kind === 'cardinal' && !phrase && !/\d/.test(number)) continue;
    if (kind === 'cardinal' && !phrase && !/(?:hundred|thousand|million|billion|trillion|bn|dollars|pounds|euros)/i.test(number)) continue;
    if (kind === 'cardinal' && lower === 'one') continue;
    if (kind === 'compound' && !/^[\d]|^(?:[a-z]+)-/i.test(number)) continue;
    const text = `${number}${phrase}`.trim();
    facts.push({ text, sentence: sentenceIndex });
    lastEnd = start + text.length;
  }
  return facts;
}
