import { describe, expect, it } from 'vitest';
import { normaliseText, readTextArticle } from './text.ts';

describe('readTextArticle', () => {
  it('keeps paragraphs and collapses stray white space', () => {
    expect(readTextArticle('  One  line.\r\n\r\n\r\nTwo\tlines.  \n', 'a.txt')).toEqual({ text: 'One line.\n\nTwo lines.' });
  });

  it('takes a Markdown heading as the title and strips markup', () => {
    const article = readTextArticle('# Dam repaired\n\nThe **dam** near [Elmford](https://x.example) was repaired.\n', 'dam.md');
    expect(article).toEqual({ title: 'Dam repaired', text: 'The dam near Elmford was repaired.' });
  });

  it('refuses an empty file, naming it', () => {
    expect(() => readTextArticle(' \n\n ', 'empty.txt')).toThrow('empty.txt: the file is empty');
  });
});

describe('normaliseText', () => {
  it('turns non-breaking spaces into spaces', () => {
    expect(normaliseText('a\u00a0b')).toBe('a b');
  });
});
