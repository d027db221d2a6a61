/**
 * A stop-gap entity recogniser with the NER module's API, used until the statistical tagger is
 * merged: runs of capitalised words classified by gazetteer, organisation head words, titles and
 * word counts. It is deliberately simple; the trained tagger replaces it.
 */
import { COUNTRIES, canonicalAlias, countryOfDemonym } from './gazetteer.ts';
import type { EntitySpan, NerEngine, Token } from './mentions.ts';

const TOKEN = /[\p{Lu}]\.(?:[\p{L}]\.)+|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|['’]s\b|\S/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

const CAPITALS = new Set(['Washington', 'Moscow', 'Kyiv', 'Kiev', 'London', 'Paris', 'Beijing', 'Berlin', 'Tokyo', 'New York', 'Los Angeles', 'California', 'Texas', 'Florida']);
const COUNTRY_SET = new Set(COUNTRIES);
const ORG_HEADS = new Set(['Organization', 'Organisation', 'Nations', 'Union', 'Council', 'Party', 'Bank', 'Ministry', 'University', 'Agency', 'Committee', 'Inc', 'Corp', 'Company', 'Group', 'Association', 'Times', 'Post', 'News', 'Court', 'Department', 'Army', 'Police', 'Forces', 'Club', 'League', 'Fund', 'Institute', 'Commission', 'Senate', 'Congress']);
const TITLE_WORDS = new Set(['President', 'Prime', 'Minister', 'Secretary-General', 'Secretary', 'General', 'King', 'Queen', 'Prince', 'Chancellor', 'Mr', 'Mrs', 'Ms', 'Dr', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Sen.', 'Gov.', 'Senator', 'Governor', 'Mayor', 'Pope', 'Vice', 'Acting', 'Former', 'Foreign', 'Chief', 'Judge']);
const COMMON = new Set(['The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'His', 'Her', 'Its', 'Their', 'Our', 'But', 'And', 'Or', 'In', 'On', 'At', 'For', 'From', 'With', 'By', 'As', 'After', 'Before', 'This', 'That', 'These', 'Those', 'There', 'When', 'While', 'If', 'Of', 'Other', 'Overall', 'Despite', 'Countries', 'Share', 'Leave', 'Exit', 'Reply', 'Mobile', 'Version', 'A', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Western', 'West', 'East', 'Eastern']);

function isCap(t: string): boolean {
  return /^\p{Lu}/u.test(t) && !COMMON.has(t);
}

function classify(words: string[], afterTitle: boolean, people: Set<string>): EntitySpan['type'] | undefined {
  const name = words.join(' ');
  const last = words[words.length - 1] as string;
  if (words.length === 1 && countryOfDemonym(name)) return 'MISC';
  if (COUNTRY_SET.has(name) || CAPITALS.has(name) || canonicalAlias(name) && COUNTRY_SET.has(canonicalAlias(name) as string)) return 'LOC';
  if (ORG_HEADS.has(last) || /^[\p{Lu}](?:[\p{Lu}0-9-]){1,5}$/u.test(name) || canonicalAlias(name)) return 'ORG';
  if (afterTitle || words.length >= 2) return 'PER';
  if (people.has(name)) return 'PER';
  return undefined;
}

function tagSentence(words: string[], people: Set<string>): string[] {
  const tags = words.map(() => 'O');
  let i = 0;
  while (i < words.length) {
    if (!isCap(words[i] as string) || /^[\p{P}]$/u.test(words[i] as string)) { i++; continue; }
    let j = i;
    while (j < words.length && (isCap(words[j] as string) || (words[j] === 'of' && isCap(words[j + 1] ?? '')))) j++;
    let start = i;
    let afterTitle = false;
    while (start < j && (TITLE_WORDS.has(words[start] as string) || countryOfDemonym(words[start] as string)) && j - start > 1) {
      if (countryOfDemonym(words[start] as string)) tags[start] = 'B-MISC';
      else afterTitle = true;
      start++;
    }
    if (start < j && TITLE_WORDS.has(words[start] as string)) { i = j; continue; }
    const span = words.slice(start, j);
    const type = classify(span, afterTitle, people);
    if (type) {
      if (type === 'PER') { people.add(span.join(' ')); people.add(span[span.length - 1] as string); people.add(span[0] as string); }
      for (let k = start; k < j; k++) tags[k] = `${k === start ? 'B' : 'I'}-${type}`;
    }
    i = j;
  }
  return tags;
}

function tagDocument(sentences: string[][]): string[][] {
  const people = new Set<string>();
  sentences.forEach((s) => tagSentence(s, people));
  return sentences.map((s) => tagSentence(s, people));
}

function spansOf(tags: string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  tags.forEach((tag, i) => {
    const type = tag.slice(2) as EntitySpan['type'];
    if (tag.startsWith('B-') || (tag.startsWith('I-') && !(tags[i - 1] ?? 'O').endsWith(type))) spans.push({ type, start: i, end: i + 1 });
    else if (tag.startsWith('I-')) (spans[spans.length - 1] as EntitySpan).end = i + 1;
  });
  return spans;
}

export const heuristicNer: NerEngine = { tokenize, tagDocument, spansOf };
