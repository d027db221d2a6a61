import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, rankSentences, sentenceFeatures, type SentenceInfo } from './rank.ts';

function info(texts: string[]): SentenceInfo[] {
  return texts.map((text, i) => ({ text, paragraph: 0, indexInParagraph: i, entities: 0, numbers: 0 }));
}

const article = info([
  'The city council approved a new budget for road repairs on Monday.',
  'The road repair budget doubles spending on potholes across the city.',
  'The road repair budget doubles spending on potholes across the whole city.',
  'Council members argued for hours before the vote on the repairs.',
  'The weather was pleasant.',
  'A local bakery celebrated its anniversary with free cakes.',
]);

describe('rankSentences', () => {
  it('returns the requested number of sentences in article order', () => {
    const chosen = rankSentences(article, { count: 3 });
    expect(chosen).toHaveLength(3);
    expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
  });

  it('skips a near duplicate of a chosen sentence', () => {
    const chosen = rankSentences(article, { count: 3 });
    expect(chosen.includes(1) && chosen.includes(2)).toBe(false);
  });

  it('prefers central sentences over off-topic ones at equal position weight', () => {
    const weights = FEATURE_NAMES.map((name) => (name === 'centrality' ? 1 : 0));
    expect(rankSentences(article, { count: 2, weights, redundancy: 1 })).not.toContain(5);
  });

  it('never returns more sentences than there are', () => {
    expect(rankSentences(info(['Only one sentence here.']), { count: 3 })).toEqual([0]);
    expect(rankSentences([], { count: 3 })).toEqual([]);
  });

  it('computes one value per feature name', () => {
    const { features } = sentenceFeatures(article);
    expect(features.every((f) => f.length === FEATURE_NAMES.length)).toBe(true);
  });
});
