/**
 * Quantities with what they count: "nine member nations", "10th member", "two-day meeting",
 * "second time since May", "$1.5 million", "12 percent".
 */
import { countryOfDemonym } from './gazetteer.ts';
import { allMatches } from './matches.ts';
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
    `(?<money>${CURRENCY}\\s?(?:${DIGITS})${SCALE}?)`,
    `(?<percent>(?:${DIGITS})\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b))`,
    `(?<compound>\\b(?:${DIGITS}|${WORD_NUMBER}|[Hh]alf)-(?:and-a-half-)?[a-zA-Z]+(?:-old)?\\b)`,
    `(?<ordinal>\\b(?:\\d+(?:st|nd|rd|th)|${ORDINAL_WORD})\\b)`,
    `(?<cardinal>(?<![A-Za-z\\u00C0-\\u024F\\d-])(?:${DIGITS})${SCALE}?(?:\\s(?:dollars|pounds|euros|yuan|rupees|yen))?|\\b(?:${WORD_NUMBER})(?:\\s(?:hundred|thousand|million|billion))?\\b)`,
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
  return /[^s'’]s$/.test(word) && !/(?:ss|us|is|ous)$/.test(word);
}

/** The counted noun phrase after the number, or '' when none follows. */
function countedPhrase(rest: string, maxWords = 3): string {
  const words: string[] = [];
  let consumed = 0;
  const wordPattern = /^(\s+)([\p{L}][\p{L}'’-]*)/u;
  let remaining = rest;
  while (words.length < maxWords) {
    const m = wordPattern.exec(remaining);
    if (!m) break;
    const word = m[2] as string;
    const lower = word.toLowerCase();
    if (STOP.has(lower)) break;
    const capitalised = /^\p{Lu}/u.test(word);
    // A capitalised word counts only as a plural noun ("1.5 million Armenians"), not as the start of a
    // name ("13 Premier League titles").
    if (capitalised && countryOfDemonym(word)) {
      words.push(word);
      consumed += m[0].length;
      remaining = remaining.slice(m[0].length);
      continue;
    }
    if (capitalised && (!isPluralNoun(lower) || /^\s+\p{Lu}/u.test(remaining.slice(m[0].length)))) break;
    if (/ly$/.test(lower) && words.length > 0) break;
    if (/[^e]ed$/.test(lower) && !capitalised) break;
    // "a 92-year-old man living alone": a participle after the noun starts a new phrase.
    if (/ing$/.test(lower) && words.length > 0 && !MODIFIERS.has((words[words.length - 1] as string).toLowerCase())) break;
    words.push(word);
    consumed += m[0].length;
    remaining = remaining.slice(m[0].length);
    if (MODIFIERS.has(lower)) continue;
    if (isPluralNoun(lower) || capitalised) break;
  }
  if (words.length === 0) return '';
  if (MODIFIERS.has((words[words.length - 1] as string).toLowerCase()) && words.length === 1) return '';
  let phrase = rest.slice(0, consumed);
  // "the second time since May", "the first time in 20 years"
  if (/\btimes?$/i.test(phrase)) {
    const since = /^\s+(?:since|in)\s+(?:\p{Lu}[\p{L}]+|\d{4}|(?:\d+|a|two|three|four|five|ten|several|many)\s+(?:years|decades|months|weeks)|decades|years)/u.exec(remaining);
    if (since) phrase += since[0];
  }
  return phrase;
}

/** A cheap test that lets sentences without any number skip the full pattern. */
const MAY_HAVE_NUMBER = new RegExp(
  `[0-9$£€¥₹]|\\b(?:${capitalisable('one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens|hundreds|thousands|millions|billions|half|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fiftieth|hundredth')})\\b`,
);

function overlaps(start: number, end: number, spans: readonly [number, number][]): boolean {
  return spans.some(([s, e]) => start < e && end > s);
}

/**
 * Quantities of one sentence. Numbers inside `excluded` spans (dates) are skipped; bare numbers count
 * only with a noun after them, money and percentages on their own.
 */
export function findQuantities(sentence: string, sentenceIndex: number, excluded: readonly [number, number][] = []): QuantityFact[] {
  const facts: QuantityFact[] = [];
  if (!MAY_HAVE_NUMBER.test(sentence)) return facts;
  let lastEnd = 0;
  for (const m of allMatches(QUANTITY, sentence)) {
    const start = m.index;
    if (start < lastEnd) continue;
    const number = m[0];
    if (overlaps(start, start + number.length, excluded)) continue;
    const groups = m.groups ?? {};
    const kind = Object.keys(groups).find((k) => groups[k] !== undefined) ?? 'cardinal';
    const rest = sentence.slice(start + number.length);
    // A compound ("two-day") already holds its unit: one noun follows it.
    const phrase = kind === 'percent' ? '' : countedPhrase(rest, kind === 'compound' ? 1 : 3);
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
