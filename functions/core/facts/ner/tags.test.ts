import { describe, expect, it } from 'vitest';
import { maskedTransitions, TRANSITION_MASK, TRANSITION_SIZE, viterbi } from './model.ts';
import { seededRandom } from '../../seeded-random.ts';
import { bilouOf, iob2OfBilou, iob2Of, spansOf, TAG_COUNT } from './tags.ts';

describe('spansOf', () => {
  it('reads IOB2 spans with exclusive ends', () => {
    expect(spansOf(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
      { type: 'LOC', start: 4, end: 6 },
    ]);
  });

  it('starts a span at I-X after O or another type, as conlleval does (IOB1 input)', () => {
    expect(spansOf(['I-ORG', 'I-ORG', 'I-PER', 'O', 'I-MISC'])).toEqual([
      { type: 'ORG', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'MISC', start: 4, end: 5 },
    ]);
  });

  it('ignores unknown labels and returns nothing for an empty sentence', () => {
    expect(spansOf(['B-FOO', 'O'])).toEqual([]);
    expect(spansOf([])).toEqual([]);
  });

  it('round-trips through IOB2 and BILOU', () => {
    const spans = spansOf(['B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-PER', 'B-LOC', 'O']);
    expect(spansOf(iob2Of(spans, 7))).toEqual(spans);
    expect(iob2OfBilou(bilouOf(spans, 7))).toEqual(iob2Of(spans, 7));
  });
});

describe('viterbi', () => {
  it('never emits an I- tag after O or after another type, whatever the scores', () => {
    const random = seededRandom(7);
    const transition = maskedTransitions(new Float64Array(TRANSITION_SIZE).map(() => random() * 4 - 2));
    const scratch = { delta: new Float64Array(16), back: new Uint8Array(16) };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 12);
      const scores = new Float64Array(n * TAG_COUNT).map(() => random() * 20 - 10);
      const out = new Uint8Array(n);
      viterbi(scores, 0, n, transition, out, scratch);
      const tags = iob2OfBilou(out);
      tags.forEach((tag, i) => {
        if (tag.startsWith('I-')) expect(tags[i - 1]?.slice(2)).toBe(tag.slice(2));
      });
      // Every step of the path is an allowed BILOU transition, including from the start and to the end.
      const W = TAG_COUNT + 1;
      let prev = TAG_COUNT;
      for (const tag of [...out, TAG_COUNT]) {
        expect(TRANSITION_MASK[prev * W + tag]).toBe(0);
        prev = tag;
      }
    }
  });

  it('follows the emission scores when transitions are neutral', () => {
    const scores = new Float64Array(3 * TAG_COUNT);
    // B-PER (1), L-PER (3), O (0)
    scores[0 * TAG_COUNT + 1] = 5;
    scores[1 * TAG_COUNT + 3] = 5;
    scores[2 * TAG_COUNT + 0] = 5;
    const out = new Uint8Array(3);
    viterbi(scores, 0, 3, maskedTransitions(new Float64Array(TRANSITION_SIZE)), out, { delta: new Float64Array(8), back: new Uint8Array(8) });
    expect(iob2OfBilou(out)).toEqual(['B-PER', 'I-PER', 'O']);
  });

  it('finds the best path of a stretch at a stride, from the tag before it to the tag after it (checked by enumeration)', () => {
    const random = seededRandom(11);
    const T = TAG_COUNT;
    const W = T + 1;
    const scratch = { delta: new Float64Array(64), back: new Uint8Array(64) };
    for (let trial = 0; trial < 40; trial++) {
      const transition = maskedTransitions(new Float64Array(TRANSITION_SIZE).map(() => random() * 6 - 3));
      const n = 1 + (trial % 3);
      const stride = 2 * T;
      // Token i's scores at 5 + i * stride; the values between belong to something else and must be ignored.
      const scores = new Float64Array(5 + n * stride).map(() => random() * 20 - 10);
      const before = trial % 2 === 0 ? T : 0;
      const after = trial % 4 < 2 ? T : 0;
      const out = new Uint8Array(n);
      viterbi(scores, 5, n, transition, out, scratch, stride, before, after);
      const score = (path: number[]) =>
        path.reduce((sum, tag, i) => sum + scores[5 + i * stride + tag]! + transition[(i === 0 ? before : path[i - 1]!) * W + tag]!, 0) +
        transition[path[n - 1]! * W + after]!;
      let best = -Infinity;
      for (let code = 0; code < T ** n; code++) {
        const path = Array.from({ length: n }, (_, i) => Math.floor(code / T ** i) % T);
        best = Math.max(best, score(path));
      }
      expect(score([...out])).toBeCloseTo(best, 9);
    }
  });
});
