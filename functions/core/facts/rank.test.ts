import { describe, expect, it } from 'vitest';
import { cosine, isSuitable, rankSentences, sentenceVector, type SentenceInfo } from './rank.ts';

function info(texts: string[]): SentenceInfo[] {
  return texts.map((text, i) => ({ text, paragraph: 0, indexInParagraph: i }));
}

describe('isSuitable', () => {
  it('rejects quotations, questions, fragments and run-ons', () => {
    expect(isSuitable('The city council approved a new budget for road repairs on Monday.')).toBe(true);
    expect(isSuitable('"We will fix every road in the city by the end of the year," she said.')).toBe(false);
    expect(isSuitable('Will the city council approve a new budget for road repairs this year?')).toBe(false);
    expect(isSuitable('The vote was close.')).toBe(false);
    expect(isSuitable(`The council ${'met and talked and '.repeat(20)}voted.`)).toBe(false);
  });
});

describe('rankSentences', () => {
  const article = info([
    'The city council approved a new budget for road repairs across the city on Monday.',
    '"This is a great day for every driver and cyclist in our city," the mayor said.',
    'The budget doubles spending on potholes and resurfacing over the next three years.',
    'Council members argued for several hours before the final vote on the repair plan.',
    'The weather was pleasant.',
    'A local bakery celebrated its anniversary with free cakes for all of its customers.',
  ]);

  it('takes the lead sentences but passes over a quotation for the next suitable one', () => {
    expect(rankSentences(article, { count: 3 })).toEqual([0, 2, 3]);
  });

  it('skips a near duplicate of a chosen sentence', () => {
    const doubled = info([
      'The city council approved a new budget for road repairs across the city on Monday.',
      'The city council approved a new budget for road repairs across the city on Monday night.',
      'The budget doubles spending on potholes and resurfacing over the next three years.',
      'Council members argued for several hours before the final vote on the repair plan.',
    ]);
    expect(rankSentences(doubled, { count: 3 })).toEqual([0, 2, 3]);
  });

  it('fills in article order when the lead has too few suitable sentences', () => {
    const weak = info([
      'The council approved the new road repair budget on Monday after a long debate.',
      '"Finally," said one.',
      'Why now?',
      'The weather was pleasant.',
      'The road repair budget doubles spending on potholes and road resurfacing.',
    ]);
    expect(rankSentences(weak, { count: 2 })).toEqual([0, 1]);
  });

  it('never returns more sentences than there are, in article order', () => {
    expect(rankSentences(info(['Only one sentence is here.']), { count: 3 })).toEqual([0]);
    expect(rankSentences([], { count: 3 })).toEqual([]);
    const chosen = rankSentences(article, { count: 5 });
    expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
    expect(chosen).toHaveLength(5);
  });
});

describe('sentenceVector', () => {
  it('makes sentences that share content words similar and unrelated ones orthogonal', () => {
    const a = sentenceVector('Road repairs start on Monday.');
    expect(cosine(a, sentenceVector('Road repairs cost millions.'))).toBeGreaterThan(0.3);
    expect(cosine(a, sentenceVector('A bakery sold cakes.'))).toBe(0);
  });
});
