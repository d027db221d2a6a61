import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';

function quantities(sentence: string, excluded: [number, number][] = []): string[] {
  return findQuantities(sentence, 0, excluded).map((q) => q.text);
}

describe('findQuantities', () => {
  it('keeps what a number counts', () => {
    expect(quantities('Of the twelve member states, only four voted.')).toEqual(['twelve member states']);
    expect(quantities('The three-day festival drew 40,000 visitors.')).toEqual(['three-day festival', '40,000 visitors']);
    expect(quantities('It became the 21st member of the league.')).toEqual(['21st member']);
  });

  it('extends "time" with since or in', () => {
    expect(quantities('They met for the third time since April.')).toEqual(['third time since April']);
    expect(quantities('It is the first time in 20 years.')).toEqual(['first time in 20 years']);
  });

  it('reads money and percentages on their own', () => {
    expect(quantities('The club paid $4.5 million, up 12 percent on last year.')).toEqual(['$4.5 million', '12 percent']);
    expect(quantities('Tickets cost £30 each.')).toEqual(['£30']);
  });

  it('reads ages and modifiers', () => {
    expect(quantities('The 42-year-old driver made two more attempts.')).toEqual(['42-year-old driver', 'two more attempts']);
    expect(quantities('Police found a 92 year-old man living alone.')).toEqual(['92 year-old man']);
  });

  it('skips numbers without a noun, ordinary "first" and excluded spans', () => {
    expect(quantities('Smith, 39, was the first to arrive and one of many.')).toEqual([]);
    expect(quantities('In 2019 five ships sank.', [[3, 7]])).toEqual(['five ships']);
  });
});
