import { describe, expect, it } from 'vitest';
import { charFlags, LETTER, SPACE, UPPER, wordBeforeTrailingSpace } from './scan.ts';

const PATTERN = /([\p{L}.-]+)\s+$/u;

describe('wordBeforeTrailingSpace', () => {
  it('returns the word right before the trailing white space', () => {
    expect(wordBeforeTrailingSpace('said Kazakh President ')).toBe('President');
    expect(wordBeforeTrailingSpace('the U.S. ')).toBe('U.S.');
    expect(wordBeforeTrailingSpace('ex-minister \t\n')).toBe('ex-minister');
    expect(wordBeforeTrailingSpace('Führer ')).toBe('Führer');
  });

  it('finds nothing without trailing space or when punctuation or a digit ends the text', () => {
    expect(wordBeforeTrailingSpace('President')).toBeUndefined();
    expect(wordBeforeTrailingSpace('')).toBeUndefined();
    expect(wordBeforeTrailingSpace('   ')).toBeUndefined();
    expect(wordBeforeTrailingSpace('he said, ')).toBeUndefined();
    expect(wordBeforeTrailingSpace('in 2024 ')).toBeUndefined();
  });

  it('reads letters outside the Basic Multilingual Plane as one character', () => {
    expect(wordBeforeTrailingSpace('x 𝐀𝐁 ')).toBe('𝐀𝐁');
    expect(wordBeforeTrailingSpace('x 😀abc ')).toBe('abc');
    expect(wordBeforeTrailingSpace('x \udc00abc ')).toBe('abc');
  });

  it('agrees with the end-anchored pattern it replaces', () => {
    const samples = [
      'said Kazakh President ', 'Mr. ', 'the  ', ' a', 'x.y-z  ', "Iran's ", 'Iran’s acting ', '(CNN) ', 'a--b ',
      'ab\u00a0', 'ab\u2009 ', 'ab1 ', '1ab ', '-. ', 'x 𝐀𝐁 ', 'x 😀abc ', 'x \udc00abc ', 'x \ud835 ', '中国 ',
    ];
    for (const s of samples) expect(wordBeforeTrailingSpace(s), JSON.stringify(s)).toBe(PATTERN.exec(s)?.[1]);
  });
});

describe('charFlags', () => {
  it('agrees with the patterns for every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      const flags = charFlags(code);
      const letter = (flags & LETTER) !== 0 === /\p{L}/u.test(char);
      const upper = (flags & UPPER) !== 0 === /\p{Lu}/u.test(char);
      const space = (flags & SPACE) !== 0 === /\s/.test(char);
      if (!letter || !upper || !space) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});
