import { describe, expect, it } from 'vitest';
import { parseConll, scoreConll } from './conll.ts';

describe('parseConll', () => {
  it('splits documents at -DOCSTART- and sentences at blank lines, reading only first and last columns', () => {
    const docs = parseConll(
      '-DOCSTART- -X- O O\n\nAlice NNP I-NP I-PER\nsang VBD I-VP O\n\nBob NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nParis NNP I-NP I-LOC\n',
    );
    expect(docs).toEqual([
      { sentences: [['Alice', 'sang'], ['Bob']], tags: [['I-PER', 'O'], ['I-PER']] },
      { sentences: [['Paris']], tags: [['I-LOC']] },
    ]);
  });
});

describe('scoreConll', () => {
  it('counts exact spans of the exact type, as conlleval does', () => {
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-MISC']];
    const predicted = [['B-PER', 'O', 'O', 'B-LOC', 'O', 'B-ORG']];
    const score = scoreConll(gold, predicted);
    expect(score.perType.PER).toMatchObject({ gold: 1, predicted: 1, correct: 0 });
    expect(score.perType.LOC).toMatchObject({ gold: 1, predicted: 1, correct: 1, f1: 100 });
    expect(score.perType.ORG).toMatchObject({ gold: 0, predicted: 1, correct: 0 });
    expect(score.micro).toMatchObject({ gold: 2, predicted: 3, correct: 1 });
    expect(score.micro.f1).toBeCloseTo((2 * (100 / 3) * 50) / (100 / 3 + 50), 10);
    expect(score.overall).toMatchObject({ gold: 3, predicted: 3, correct: 1 });
  });
});
