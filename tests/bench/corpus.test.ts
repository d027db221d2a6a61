import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../functions/core/seeded-random.ts';
import { benchCorpus, syntheticArticles, wordsIn } from '../../scripts/bench/corpus.ts';

describe('bench corpus', () => {
  it('is the same text on every run, so runs and machines compare', () => {
    expect(syntheticArticles(20)).toEqual(syntheticArticles(20));
    expect(syntheticArticles(5, 1)).not.toEqual(syntheticArticles(5, 2));
  });

  it('grows by appending: the first articles of a larger corpus are those of a smaller one', () => {
    expect(syntheticArticles(50).slice(0, 10)).toEqual(syntheticArticles(10));
  });

  it('starts with the bundled example article, then news-like paragraphs of a few hundred words', () => {
    const corpus = benchCorpus(30);

    expect(corpus[0]?.source).toBe('examples/sco-summit.txt');
    const words = corpus.slice(1).map((a) => wordsIn(a.text));
    expect(Math.min(...words)).toBeGreaterThan(50);
    expect(Math.max(...words)).toBeLessThan(1500);
    expect(corpus[1]?.text).toContain('\n\n');
  });

  it('draws numbers in [0, 1) from its seed', () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 1000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });
});
