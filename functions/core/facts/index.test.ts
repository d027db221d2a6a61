import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts } from './index.ts';

const example = readFileSync(new URL('../../../examples/sco-summit.txt', import.meta.url), 'utf8');

const article = `Peruvian President Ana Quispe opened the Andean Trade Council (ATC) summit in Lima on Monday, the third time since April that regional leaders have met.

Quispe said the ATC would cut tariffs by 12 percent. Chilean President Tomas Rojas agreed and pledged $40 million for a new port.

The two-day summit ends on Tuesday.

Share.
Leave A Reply`;

describe('extractFacts', () => {
  it('keeps an article’s own title and generates one for untitled text', () => {
    expect(extractFacts({ source: 'a', title: 'Leaders meet in Lima', text: article }, { sentences: 2 }).title).toBe('Leaders meet in Lima');
    const generated = extractFacts({ source: 'a', text: article }, { sentences: 2 }).title;
    expect(generated.length).toBeGreaterThan(10);
    expect(generated.length).toBeLessThanOrEqual(90);
  });

  it('returns verbatim summary sentences in article order with their indexes', () => {
    const facts = extractFacts({ source: 'a', text: article }, { sentences: 2 });
    expect(facts.summary).toHaveLength(2);
    expect(facts.summaryIndexes).toEqual([...facts.summaryIndexes].sort((a, b) => a - b));
    facts.summary.forEach((s, i) => expect(facts.sentences[facts.summaryIndexes[i] as number]).toBe(s));
    for (const s of facts.summary) expect(article).toContain(s);
  });

  it('drops page furniture from sentences', () => {
    const facts = extractFacts({ source: 'a', text: article }, { sentences: 3 });
    expect(facts.sentences.join(' ')).not.toMatch(/Share|Leave A Reply/);
    expect(facts.sentences).toHaveLength(4);
  });

  it('finds dates resolved against the publication date and quantities with their nouns', () => {
    const facts = extractFacts({ source: 'a', text: article, publishedAt: '2024-07-03' }, { sentences: 3 });
    expect(facts.dates).toContainEqual({ text: 'Monday', iso: '2024-07-01', sentence: 0 });
    expect(facts.quantities.map((q) => q.text)).toEqual(expect.arrayContaining(['third time since April', '12 percent', '$40 million', 'two-day summit']));
  });

  it('lists a date or quantity said twice once, at its first sentence', () => {
    const text = 'The two-day summit opened on Monday in the capital city. The two-day summit closed late on Monday after long talks.';
    const facts = extractFacts({ source: 'a', text }, { sentences: 1 });
    expect(facts.dates).toEqual([{ text: 'Monday', sentence: 0 }]);
    expect(facts.quantities).toEqual([{ text: 'two-day summit', sentence: 0 }]);
  });

  it('takes the publication date from a "Published:" line when the input has none', () => {
    const text = 'Published: 3 July 2024\n\nThe council met on Monday to approve the new budget for the city.';
    const facts = extractFacts({ source: 'a', text }, { sentences: 1 });
    expect(facts.dates).toEqual([{ text: 'Monday', iso: '2024-07-01', sentence: 0 }]);
    expect(facts.sentences).toEqual(['The council met on Monday to approve the new budget for the city.']);
  });

  it('is deterministic', () => {
    const a = extractFacts({ source: 'a', text: article }, { sentences: 3 });
    const b = extractFacts({ source: 'a', text: article }, { sentences: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('handles text with a single sentence and text with only furniture', () => {
    expect(extractFacts({ source: 'a', text: 'The bridge reopened after repairs.' }, { sentences: 3 }).summary).toEqual(['The bridge reopened after repairs.']);
    const empty = extractFacts({ source: 'a', text: 'Share.\nLeave A Reply' }, { sentences: 3 });
    expect(empty.summary).toEqual([]);
    expect(empty.title).toBe('Untitled');
  });
});

describe('extractFacts on the example article', () => {
  const facts = extractFacts({ source: 'examples/sco-summit.txt', text: example }, { sentences: 3 });

  it('keeps nothing of the page furniture', () => {
    const all = JSON.stringify(facts);
    for (const furniture of ['Share.', 'Leave A Reply', 'Exit mobile version']) expect(all).not.toContain(furniture);
  });

  it('names the leaders with their roles', () => {
    const roles = Object.fromEntries(facts.people.map((p) => [p.name, p.role]));
    expect(roles).toMatchObject({
      'Xi Jinping': 'President of China',
      'Vladimir Putin': 'President of Russia',
      'Kassym-Jomart Tokayev': 'President of Kazakhstan',
      'Narendra Modi': 'Prime Minister of India',
      'Alexander Lukashenko': 'President of Belarus',
      'Recep Tayyip Erdogan': 'President of Turkey',
      'Mohammad Mokhbar': 'acting President of Iran',
      'António Guterres': 'Secretary-General of the United Nations',
    });
    expect(facts.people).toHaveLength(8);
  });

  it('finds the organisations, including a summit club the tagger may call MISC', () => {
    expect(facts.organizations.map((o) => o.name)).toEqual(['Shanghai Cooperation Organization', 'NATO', 'G-7', 'United Nations']);
  });

  it('merges the SCO acronym with its expansion and the U.S. with the United States', () => {
    expect(facts.organizations).toContainEqual(expect.objectContaining({ name: 'Shanghai Cooperation Organization', aliases: ['SCO'] }));
    expect(facts.places).toContainEqual(expect.objectContaining({ name: 'United States', aliases: ['U.S.'] }));
  });
});
