import { describe, expect, it } from 'vitest';
import { rougeLsum, rougeN, tokenize } from './rouge.ts';

describe('tokenize', () => {
  it('lower-cases, splits on anything outside [a-z0-9] and stems only tokens longer than 3 characters', () => {
    expect(tokenize('The U.S.-led talks were running late, ran 3.5 hrs!')).toEqual(['the', 'u', 's', 'led', 'talk', 'were', 'run', 'late', 'ran', '3', '5', 'hrs']);
  });

  it('drops accented letters like the reference tokenizer does', () => {
    expect(tokenize('Café owners')).toEqual(['caf', 'owner']);
  });
});

describe('rougeN', () => {
  // the:2 cat sat on mat vs the:2 cat lay on mat: 5 of 6 unigrams match; bigrams the-cat, on-the, the-mat: 3 of 5.
  it('counts clipped unigram and bigram overlap', () => {
    const r1 = rougeN('the cat sat on the mat', 'the cat lay on the mat', 1);
    expect(r1.precision).toBeCloseTo(5 / 6, 10);
    expect(r1.recall).toBeCloseTo(5 / 6, 10);
    expect(r1.f1).toBeCloseTo(5 / 6, 10);
    expect(rougeN('the cat sat on the mat', 'the cat lay on the mat', 2).f1).toBeCloseTo(3 / 5, 10);
  });

  it('clips repeated n-grams to their count in the reference', () => {
    // candidate "the the the the" against "the cat": 1 match of 4 candidate, 1 of 2 reference tokens.
    const s = rougeN('the cat', 'the the the the', 1);
    expect(s.precision).toBeCloseTo(1 / 4, 10);
    expect(s.recall).toBeCloseTo(1 / 2, 10);
    expect(s.f1).toBeCloseTo(1 / 3, 10);
  });

  it('scores zero when nothing matches or the candidate is empty', () => {
    expect(rougeN('a b', 'c d', 1).f1).toBe(0);
    expect(rougeN('a b', '', 1).f1).toBe(0);
  });
});

describe('rougeLsum', () => {
  it('takes the union of LCS hits over candidate sentences', () => {
    // reference "aa bb cc" gets aa bb from the first candidate line and cc from the second; "dd ee" both
    // from the second: 5 hits, 5 reference and 6 candidate tokens, F1 = 10/11.
    const s = rougeLsum('aa bb cc\ndd ee', 'aa bb\ncc dd ee ff');
    expect(s.recall).toBeCloseTo(1, 10);
    expect(s.precision).toBeCloseTo(5 / 6, 10);
    expect(s.f1).toBeCloseTo(10 / 11, 10);
  });

  it('does not count a token more often than the candidate has it', () => {
    // "aa" appears three times in the reference but once in the candidate: one hit, R 1/3, P 1, F1 1/2.
    const s = rougeLsum('aa aa\naa', 'aa');
    expect(s.recall).toBeCloseTo(1 / 3, 10);
    expect(s.precision).toBeCloseTo(1, 10);
    expect(s.f1).toBeCloseTo(0.5, 10);
  });

  it('differs from sentence-level LCS when the order of sentences changes', () => {
    // One sentence LCS of "aa bb cc dd" vs "cc dd aa bb" is 2 tokens; as two summary sentences every token hits.
    expect(rougeLsum('aa bb cc dd', 'cc dd aa bb').f1).toBeCloseTo(0.5, 10);
    expect(rougeLsum('aa bb cc dd', 'cc dd\naa bb').f1).toBeCloseTo(1, 10);
  });
});
