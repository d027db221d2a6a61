import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

describe('readAhead', () => {
  it('gives every result in order, however long each read takes', async () => {
    const delays = [30, 1, 20, 1, 5];
    const read = (i: number) => new Promise<string>((resolve) => setTimeout(() => resolve(`item ${i}`), delays[i]));
    const results: string[] = [];
    for await (const r of readAhead([0, 1, 2, 3, 4], read)) results.push(r);
    expect(results).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4']);
  });

  it('starts at most `depth` reads ahead of the result being worked on', async () => {
    const started: number[] = [];
    const read = async (i: number) => {
      started.push(i);
      return i;
    };
    const seenWhenTaken: number[][] = [];
    for await (const r of readAhead([0, 1, 2, 3, 4, 5], read, 2)) seenWhenTaken[r] = [...started];
    expect(seenWhenTaken[0]).toEqual([0, 1, 2]);
    expect(seenWhenTaken[1]).toEqual([0, 1, 2, 3]);
    expect(seenWhenTaken[3]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads nothing ahead with depth 0', async () => {
    const started: number[] = [];
    const taken: number[][] = [];
    for await (const r of readAhead([0, 1, 2], async (i: number) => (started.push(i), i), 0)) taken[r] = [...started];
    expect(taken).toEqual([[0], [0, 1], [0, 1, 2]]);
  });
});
