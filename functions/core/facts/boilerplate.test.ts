import { describe, expect, it } from 'vitest';
import { isFurniture, removeBoilerplate, stripMarkdown } from './boilerplate.ts';
import { splitBlocks } from './sentences.ts';

describe('isFurniture', () => {
  it.each([
    'Share.', 'Leave A Reply', 'Exit mobile version', 'Advertisement', 'Read more: Ten things to know', '12 Comments',
    'Subscribe to our newsletter', 'We use cookies to improve your experience.', 'Share Facebook Twitter Email',
    'Skip to content', 'Related Articles', 'By Jane Doe and John Roe', '© 2024 Example Media. All rights reserved.',
  ])('drops %j', (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    'The council will share the cost of the new bridge with the province.',
    'By the end of the day the roads were clear.',
    'Readers left more than 300 comments on the proposal.',
  ])('keeps the sentence %j', (line) => {
    expect(isFurniture(line)).toBe(false);
  });
});

describe('removeBoilerplate', () => {
  it('keeps the article body and drops the footer of the page', () => {
    const text = 'The river rose two metres overnight and flooded the old town.\n\nShare.\nLeave A Reply\n\nExit mobile version';
    const { body } = removeBoilerplate(splitBlocks(text));
    expect(body.map((b) => b.text)).toEqual(['The river rose two metres overnight and flooded the old town.']);
  });

  it('recognises a leading heading as the title and drops later subheadings', () => {
    const text = 'Floods hit the old town\n\nThe river rose two metres overnight and flooded the old town.\n\nWhat happens next\n\nEngineers will inspect the bridge on Monday morning.';
    const { heading, body } = removeBoilerplate(splitBlocks(text));
    expect(heading).toBe('Floods hit the old town');
    expect(body.map((b) => b.text)).toEqual([
      'The river rose two metres overnight and flooded the old town.',
      'Engineers will inspect the bridge on Monday morning.',
    ]);
  });
});

describe('stripMarkdown', () => {
  it('removes heading marks, links and emphasis', () => {
    expect(stripMarkdown('## A [good](https://example.com) **day**')).toBe('A good day');
  });
});
