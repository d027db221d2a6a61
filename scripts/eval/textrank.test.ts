import { describe, expect, it } from 'vitest';
import { textRank } from './textrank.ts';

describe('textRank', () => {
  it('prefers sentences that share words with many others and returns them in article order', () => {
    const sentences = [
      'A bakery sold cakes to tourists.',
      'The river flooded the town centre overnight.',
      'Engineers said the river flooded because the town drains failed.',
      'The town will repair the drains before the river rises again.',
    ];
    const top = textRank(sentences, 2);
    // The unrelated first sentence shares no word with the others, so it has only the teleport score.
    expect(top).not.toContain(sentences[0]);
    expect(top).toEqual([sentences[1], sentences[2]]);
  });

  it('returns every sentence when asked for more than there are', () => {
    expect(textRank(['One short line here.', 'Another short line here.'], 3)).toHaveLength(2);
  });
});
