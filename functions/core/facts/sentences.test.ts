import { describe, expect, it } from 'vitest';
import { removeInvisible, splitBlocks, splitSentences } from './sentences.ts';

describe('splitSentences', () => {
  it('splits on terminal punctuation followed by a capital', () => {
    expect(splitSentences('The mayor spoke. Residents listened! Why now? Nobody knew.')).toEqual([
      'The mayor spoke.', 'Residents listened!', 'Why now?', 'Nobody knew.',
    ]);
  });

  it('keeps titles, initials and decimals inside a sentence', () => {
    const text = 'Mr. Jones met Dr. Amy Lee and John F. Kennedy Jr. in St. Louis. Prices rose 3.5 percent.';
    expect(splitSentences(text)).toEqual(['Mr. Jones met Dr. Amy Lee and John F. Kennedy Jr. in St. Louis.', 'Prices rose 3.5 percent.']);
  });

  it('keeps a dotted acronym before a name but ends the sentence before an opener', () => {
    expect(splitSentences('The U.S. President arrived. He left for the U.S. The trip was short.')).toEqual([
      'The U.S. President arrived.', 'He left for the U.S.', 'The trip was short.',
    ]);
  });

  it('does not split month abbreviations before a day', () => {
    expect(splitSentences('The vote is on Jan. 5 in the capital. It may be delayed.')).toEqual([
      'The vote is on Jan. 5 in the capital.', 'It may be delayed.',
    ]);
  });

  it('keeps closing quotes with their sentence and does not split before a lower-case word', () => {
    const text = '"We will win," she said. "Never!" he shouted. "Stop." Then silence.';
    expect(splitSentences(text)).toEqual(['"We will win," she said.', '"Never!" he shouted.', '"Stop."', 'Then silence.']);
  });

  it('splits scripts without capitals and full-width punctuation', () => {
    expect(splitSentences('Встреча прошла в Москве. 会议在北京举行。会议结束了。')).toEqual(['Встреча прошла в Москве.', '会议在北京举行。', '会议结束了。']);
  });

  it('treats curly quotes like straight ones', () => {
    expect(splitSentences('He said “it is over.” The crowd left.')).toEqual(['He said “it is over.”', 'The crowd left.']);
  });
});

describe('removeInvisible', () => {
  it('drops control characters, terminal colours, bidi overrides and zero-width characters', () => {
    expect(removeInvisible('\u202eMayor Ana Lee\u202c said\u200b it. \u0007\u001b[31mRed\u001b[0m text.\n')).toBe('Mayor Ana Lee said it. Red text.\n');
  });
});

describe('splitBlocks', () => {
  it('separates paragraphs on blank lines', () => {
    const blocks = splitBlocks('First paragraph here.\n\nSecond paragraph here.\n');
    expect(blocks).toEqual([
      { text: 'First paragraph here.', paragraph: 0 },
      { text: 'Second paragraph here.', paragraph: 1 },
    ]);
  });

  it('joins hard-wrapped lines but keeps short standalone lines apart', () => {
    const text = 'The committee met on a cold morning to discuss the new budget for\nthe coming year, which was late.\nShare.\nLeave A Reply';
    expect(splitBlocks(text).map((b) => b.text)).toEqual([
      'The committee met on a cold morning to discuss the new budget for the coming year, which was late.',
      'Share.',
      'Leave A Reply',
    ]);
  });

  it('collapses runs of spaces, tabs and no-break spaces to one space', () => {
    const text = '  One  two\tthree\u00a0four \t\u00a0five six.  ';
    expect(splitBlocks(text).map((b) => b.text)).toEqual(['One two three four five six.']);
  });
});
