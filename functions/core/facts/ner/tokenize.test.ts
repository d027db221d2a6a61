import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

const texts = (sentence: string) => tokenize(sentence).map((t) => t.text);

describe('tokenize', () => {
  it('splits possessives and punctuation the CoNLL way', () => {
    expect(texts("Iran's foreign minister said, \"No.\"")).toEqual([
      'Iran', "'s", 'foreign', 'minister', 'said', ',', '"', 'No', '.', '"',
    ]);
  });

  it('splits curly-apostrophe possessives and keeps the original characters', () => {
    expect(texts('Iran’s envoy met Norway’s')).toEqual(['Iran', '’s', 'envoy', 'met', 'Norway', '’s']);
  });

  it('keeps dotted abbreviations and titles whole, and splits a sentence-final period', () => {
    expect(texts('The U.S. envoy Mr. Smith met Dr. Jones in St. Louis.')).toEqual([
      'The', 'U.S.', 'envoy', 'Mr.', 'Smith', 'met', 'Dr.', 'Jones', 'in', 'St.', 'Louis', '.',
    ]);
    expect(texts('He flew to the U.S.')).toEqual(['He', 'flew', 'to', 'the', 'U.S.']);
  });

  it('keeps hyphenated names and numbers whole', () => {
    expect(texts('Kassym-Jomart Tokayev paid 1,250.5 for 3/4 of it')).toEqual([
      'Kassym-Jomart', 'Tokayev', 'paid', '1,250.5', 'for', '3/4', 'of', 'it',
    ]);
  });

  it('splits currency signs, percent signs, clitics and brackets', () => {
    expect(texts("($5.3 billion, up 4%) don't")).toEqual([
      '(', '$', '5.3', 'billion', ',', 'up', '4', '%', ')', 'do', "n't",
    ]);
  });

  it('splits dashes between words and keeps non-ASCII letters inside words', () => {
    expect(texts('António Guterres—the U.N. chief—spoke')).toEqual([
      'António', 'Guterres', '—', 'the', 'U.N.', 'chief', '—', 'spoke',
    ]);
  });

  it('reports character offsets into the input', () => {
    const sentence = '  “Xi’s visit,” she said.';
    for (const token of tokenize(sentence)) expect(sentence.slice(token.start, token.end)).toBe(token.text);
    expect(texts(sentence)).toEqual(['“', 'Xi', '’s', 'visit', ',', '”', 'she', 'said', '.']);
  });

  it('returns nothing for blank text', () => {
    expect(tokenize(' \n\t ')).toEqual([]);
  });
});

describe('tokenize: numbered abbreviations', () => {
  it('keeps "No." before a number and splits it at the end of a sentence', () => {
    expect(texts('the world No. 1 said no to No.')).toEqual(['the', 'world', 'No.', '1', 'said', 'no', 'to', 'No', '.']);
  });
});
