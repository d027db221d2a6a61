import { describe, expect, it } from 'vitest';
import { allMatches } from './matches.ts';

function same(pattern: RegExp, text: string): void {
  const expected = [...text.matchAll(pattern)].map((m) => [m.index, [...m], m.groups]);
  expect(allMatches(pattern, text).map((m) => [m.index, [...m], m.groups])).toEqual(expected);
}

describe('allMatches', () => {
  it('finds what matchAll finds, with indexes, captures and named groups', () => {
    same(/(?<num>\d+)|(?<word>[a-z]+)/g, 'abc 12 de 345');
    same(/x/g, 'no match here');
    same(/\p{Lu}\p{Ll}+/gu, 'Anna met Bob in Zürich');
  });

  it('starts from the beginning whatever the pattern was left at', () => {
    const pattern = /\d/g;
    pattern.lastIndex = 5;
    expect(allMatches(pattern, '1 2 3').map((m) => m[0])).toEqual(['1', '2', '3']);
    expect(allMatches(pattern, '9').map((m) => m[0])).toEqual(['9']);
  });

  it('steps over empty matches, a whole surrogate pair with the u flag', () => {
    same(/a*/g, 'baac');
    same(/(?:)/gu, 'a😀b');
    same(/(?:)/g, 'a😀b');
  });

  it('refuses a pattern without the g flag', () => {
    expect(() => allMatches(/a/, 'a')).toThrow(TypeError);
  });
});
