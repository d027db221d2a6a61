/**
 * Dates in news text, absolute ("5 January 2024", "Jan. 5", "2024") and relative ("last month",
 * "on Wednesday", "yesterday"), resolved to ISO 8601 when the publication date allows.
 */
import { allMatches } from './matches.ts';
import type { DateFact } from './types.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const MONTH = `(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)`;
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DAY = '(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89][0-9]{2}|20[0-9]{2}|21[0-9]{2})';

/** Alternatives in priority order; the first that matches at a position wins. */
const PATTERNS: { kind: string; source: string }[] = [
  { kind: 'iso', source: `\\b${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\\b` },
  { kind: 'mdy', source: `\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b` },
  { kind: 'dmy', source: `\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b` },
  { kind: 'md', source: `\\b${MONTH}\\s+${DAY}\\b(?![,.]?\\d)` },
  { kind: 'dm', source: `\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![A-Za-z\\u00C0-\\u024F])` },
  { kind: 'my', source: `\\b${MONTH},?\\s+${YEAR}\\b` },
  { kind: 'relday', source: '\\b(?:yesterday|today|tomorrow|tonight)\\b' },
  { kind: 'relperiod', source: '\\b(?:last|next|this|earlier this|later this|past|coming)\\s+(?:week|month|year|weekend|summer|winter|spring|autumn|fall)\\b' },
  { kind: 'ago', source: '\\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+(?:day|week|month|year)s?\\s+ago\\b' },
  { kind: 'weekday', source: `\\b(?:(?:last|next|this|on|by|until|since)\\s+)?${WEEKDAY}(?:\\s+(?:morning|afternoon|evening|night))?\\b` },
  // The words before the month are checked behind it, once a month has matched: a look-behind at the
  // start would be tried at every position of every sentence, which took half of findDates' time.
  { kind: 'month', source: `\\b${MONTH}(?<=\\b(?:in|since|until|by|from|to|last|next|this|early|late|mid|of|before|after|during|through|between|and)[ -]${MONTH})(?![A-Za-z\\u00C0-\\u024F])` },
  { kind: 'monthword', source: '\\b(?:January|February|April|June|July|September|October|November|December)\\b' },
  { kind: 'year', source: `(?<![\\d,.$£€-])${YEAR}(?![\\d,.]?\\d|%|s\\b|\\s*(?:percent|per cent|people|men|women|times)\\b)` },
];

/**
 * One pattern of all alternatives, each in a numbered group (the sources have no groups of their own):
 * group `i + 1` is set when `PATTERNS[i]` matched. Numbered, not named: named groups build an object
 * per match, and finding the set one read it by a name made for each alternative.
 */
const COMBINED = new RegExp(PATTERNS.map((p) => `(${p.source})`).join('|'), 'g');

/** The kind of date that a match of `COMBINED` is. */
function kindOf(match: RegExpExecArray): string {
  for (let i = 0; i < PATTERNS.length; i++) {
    if (match[i + 1] !== undefined) return (PATTERNS[i] as { kind: string }).kind;
  }
  return 'year';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR[w];
}

interface DateParts {
  month: number | undefined;
  day: number | undefined;
  year: number | undefined;
}

function parseParts(text: string): DateParts {
  // Every field from the start, in one order: parts that gained fields in the order the text gave them
  // had a shape per order, and a date written in a new order threw away the compiled code.
  const parts: DateParts = { month: undefined, day: undefined, year: undefined };
  for (const word of text.split(/[\s,]+/)) {
    const month = monthOf(word);
    if (month !== undefined && parts.month === undefined) parts.month = month;
    else if (/^\d{4}$/.test(word)) parts.year = Number(word);
    else if (/^\d{1,2}(?:st|nd|rd|th)?$/.test(word)) parts.day = Number.parseInt(word, 10);
  }
  return parts;
}

interface Reference {
  year: number;
  month: number;
  day: number;
}

function parseReference(publishedAt: string | undefined): Reference | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt ?? '');
  if (!m) return undefined;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function shiftDays(ref: Reference, days: number): string {
  const d = new Date(Date.UTC(ref.year, ref.month - 1, ref.day + days));
  return d.toISOString().slice(0, 10);
}

function shiftMonths(ref: Reference, months: number): string {
  const total = ref.year * 12 + (ref.month - 1) + months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** Whether the sentence speaks of the future, so "on Wednesday" means the coming one. */
function isFuture(sentence: string): boolean {
  return /\b(?:will|would|shall|is set to|are set to|is due to|are due to|is expected to|are expected to|plans? to|next|upcoming|going to)\b/i.test(sentence);
}

function resolve(kind: string, text: string, sentence: string, ref: Reference | undefined): string | undefined {
  const parts = parseParts(text);
  const lower = text.toLowerCase();
  switch (kind) {
    case 'iso':
      return text;
    case 'mdy':
    case 'dmy':
      return `${parts.year}-${pad(parts.month as number)}-${pad(parts.day as number)}`;
    case 'my':
      return `${parts.year}-${pad(parts.month as number)}`;
    case 'year':
      return text;
  }
  if (!ref) return undefined;
  const future = isFuture(sentence);
  switch (kind) {
    case 'md':
    case 'dm': {
      const month = parts.month as number;
      const year = future ? (month < ref.month ? ref.year + 1 : ref.year) : month > ref.month ? ref.year - 1 : ref.year;
      return `${year}-${pad(month)}-${pad(parts.day as number)}`;
    }
    case 'month':
    case 'monthword': {
      const month = parts.month as number;
      let year = ref.year;
      if (future) year = month < ref.month ? ref.year + 1 : ref.year;
      else year = month > ref.month ? ref.year - 1 : ref.year;
      return `${year}-${pad(month)}`;
    }
    case 'relday': {
      const offset = lower === 'yesterday' ? -1 : lower === 'tomorrow' ? 1 : 0;
      return shiftDays(ref, offset);
    }
    case 'relperiod': {
      const step = /^(?:last|past)/.test(lower) ? -1 : /^(?:next|coming)/.test(lower) ? 1 : 0;
      if (/week/.test(lower)) return undefined;
      if (/month$/.test(lower)) return shiftMonths(ref, step);
      if (/year$/.test(lower)) return String(ref.year + step);
      return undefined;
    }
    case 'ago': {
      const n = /^\d+/.test(lower) ? Number.parseInt(lower, 10) : Math.max(1, ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].indexOf(lower.split(' ')[0] as string));
      const an = /^an?\s/.test(lower) ? 1 : n;
      if (/day/.test(lower)) return shiftDays(ref, -an);
      if (/week/.test(lower)) return shiftDays(ref, -7 * an);
      if (/month/.test(lower)) return shiftMonths(ref, -an);
      return String(ref.year - an);
    }
    case 'weekday': {
      const weekday = WEEKDAYS.findIndex((d) => lower.includes(d));
      const refDay = new Date(Date.UTC(ref.year, ref.month - 1, ref.day)).getUTCDay();
      let delta = weekday - refDay;
      const forward = /^next\b/.test(lower) || (!/^last\b/.test(lower) && future);
      if (forward) {
        if (delta <= 0) delta += 7;
      } else if (delta > 0) delta -= 7;
      return shiftDays(ref, delta);
    }
  }
  return undefined;
}

/**
 * Cheap tests that let sentences without any date word skip the full pattern: a digit, or a word that
 * starts a date. Two patterns, the digit first: one alternation of both tried every word pattern at
 * every position even of sentences with a digit.
 */
const DIGIT = /\d/;
const DATE_WORD =
  /\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:yesterday|today|tomorrow|tonight|ago)\b|(?:last|next|this|past|coming) (?:week|month|year|weekend|summer|winter|spring|autumn|fall)\b)/;

function mayHaveDate(sentence: string): boolean {
  return DIGIT.test(sentence) || DATE_WORD.test(sentence);
}

/** Spans of dates in one sentence, so quantity extraction can skip their numbers. */
export function findDates(sentence: string, sentenceIndex: number, publishedAt?: string): { facts: DateFact[]; spans: [number, number][] } {
  const facts: DateFact[] = [];
  const spans: [number, number][] = [];
  if (!mayHaveDate(sentence)) return { facts, spans };
  // Read only for the sentences that may hold a date, most do not.
  const ref = parseReference(publishedAt);
  for (const m of allMatches(COMBINED, sentence)) {
    const kind = kindOf(m);
    const text = m[0].replace(/^(?:on|by|until|since)\s+/i, '');
    const start = m.index + (m[0].length - text.length);
    const iso = resolve(kind, text, sentence, ref);
    facts.push(iso ? { text, iso, sentence: sentenceIndex } : { text, sentence: sentenceIndex });
    spans.push([start, start + text.length]);
  }
  return { facts, spans };
}
