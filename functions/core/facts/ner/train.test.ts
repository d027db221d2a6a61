import { describe, expect, it } from 'vitest';
import type { ConllDocument } from './conll.ts';
import { Gazetteer, IS_PREFIX, PHRASE_TYPES } from './gazetteer.ts';
import { hashString, phraseHash } from './hash.ts';
import { taggerFromBytes } from './load.ts';
import { encodeModel } from './model-file.ts';
import { trainTagger } from './train.ts';

// A made-up miniature corpus: enough for the trainer to learn a few names, small enough to train in a test.
function corpus(): ConllDocument[] {
  const sentence = (text: string): [string[], string[]] => {
    const tokens: string[] = [];
    const tags: string[] = [];
    for (const item of text.split(' ')) {
      const [token, tag] = item.includes('/') ? item.split('/') : [item, 'O'];
      tokens.push(token!);
      tags.push(tag!);
    }
    return [tokens, tags];
  };
  const docs = [
    ['Mayor/B-PER Alma/I-PER Reyes/I-PER visited Lisbon/B-LOC on Monday .', 'Reyes/B-PER said the Harbour/B-ORG Board/I-ORG agreed .'],
    ['The Harbour/B-ORG Board/I-ORG met in Porto/B-LOC .', 'Minister/O Tomas/B-PER Okafor/I-PER spoke .'],
    ['Okafor/B-PER flew to Lisbon/B-LOC .', 'He met the Tide/B-ORG Council/I-ORG there .'],
    ['Alma/B-PER Reyes/I-PER and Tomas/B-PER Okafor/I-PER met in Porto/B-LOC .', 'The Tide/B-ORG Council/I-ORG did not comment .'],
  ];
  return docs.map((sentences) => {
    const pairs = sentences.map(sentence);
    return { sentences: pairs.map((p) => p[0]), tags: pairs.map((p) => p[1]) };
  });
}

describe('Gazetteer', () => {
  it('matches known names as written and in capitals, and marks prefixes of longer names', () => {
    const gazetteer = Gazetteer.build([
      { tokens: ['New', 'York'], type: 'LOC' },
      { tokens: ['York'], type: 'PER' },
    ]);
    const phrase = (...tokens: string[]) => tokens.map((t) => hashString(t)).reduce((h, t) => phraseHash(h, t));
    expect(gazetteer.lookup(phrase('New', 'York')) & PHRASE_TYPES).toBe(0b0010);
    expect(gazetteer.lookup(phrase('NEW', 'YORK')) & PHRASE_TYPES).toBe(0b0010);
    expect(gazetteer.lookup(hashString('New')) & IS_PREFIX).toBe(IS_PREFIX);
    expect(gazetteer.lookup(hashString('York')) & PHRASE_TYPES).toBe(0b0001);
    expect(gazetteer.lookup(hashString('Boston'))).toBe(0);
  });
});

describe('trainTagger', () => {
  const train = () =>
    trainTagger(corpus(), corpus(), { seed: 7, epochs: 3, folds: 2, log: () => {} });

  it('is deterministic: the same data and seed give the same model file', () => {
    const first = train();
    const second = train();
    const bytes = (m: ReturnType<typeof train>) => encodeModel({ gazetteer: m.gazetteer, pass1: m.pass1, pass2: m.pass2 }, 1 / 64);
    expect(Buffer.from(bytes(first)).equals(Buffer.from(bytes(second)))).toBe(true);
  });

  it('learns the names of its training data, and the saved model tags them after loading', () => {
    const model = train();
    const tagger = taggerFromBytes(encodeModel({ gazetteer: model.gazetteer, pass1: model.pass1, pass2: model.pass2 }, 1 / 64));
    const tags = tagger.tagDocument([['Tomas', 'Okafor', 'visited', 'Porto', '.']]);
    expect(tags).toEqual([['B-PER', 'I-PER', 'O', 'B-LOC', 'O']]);
  });
});
