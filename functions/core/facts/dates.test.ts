import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';

function dates(sentence: string, publishedAt?: string) {
  return findDates(sentence, 0, publishedAt).facts.map(({ text, iso }) => (iso ? [text, iso] : [text]));
}

describe('findDates', () => {
  it('normalises absolute dates without a publication date', () => {
    expect(dates('The law passed on March 3, 2021 and took effect 1 July 2022.')).toEqual([
      ['March 3, 2021', '2021-03-03'], ['1 July 2022', '2022-07-01'],
    ]);
    expect(dates('Sales fell in 2019 and recovered by September 2020.')).toEqual([['2019', '2019'], ['September 2020', '2020-09']]);
  });

  it('leaves relative dates unresolved without a publication date', () => {
    expect(dates('The board met last month and again on Wednesday.')).toEqual([['last month'], ['Wednesday']]);
  });

  it('resolves relative dates against the publication date', () => {
    // 2024-07-04 is a Thursday.
    expect(dates('The board met last month and again on Wednesday.', '2024-07-04')).toEqual([
      ['last month', '2024-06'], ['Wednesday', '2024-07-03'],
    ]);
    expect(dates('The team will travel on Monday.', '2024-07-04')).toEqual([['Monday', '2024-07-08']]);
    expect(dates('It happened yesterday, three years ago.', '2024-07-04')).toEqual([
      ['yesterday', '2024-07-03'], ['three years ago', '2021'],
    ]);
  });

  it('gives a bare month the nearest year that fits the tense', () => {
    expect(dates('They have met twice since May.', '2024-07-04')).toEqual([['May', '2024-05']]);
    expect(dates('They met in November.', '2024-07-04')).toEqual([['November', '2023-11']]);
    expect(dates('They will meet in November.', '2024-07-04')).toEqual([['November', '2024-11']]);
    expect(dates('She said work would start in June.', '2024-03-03')).toEqual([['June', '2024-06']]);
  });

  it('does not read the verb "may" or counts as dates', () => {
    expect(dates('Prices may rise, and 2,019 people signed.')).toEqual([]);
    expect(dates('May we go?')).toEqual([]);
  });

  it('reports the spans of the dates it found', () => {
    expect(findDates('Since 2019 it grew.', 0).spans).toEqual([[6, 10]]);
  });
});
