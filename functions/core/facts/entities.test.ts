import { describe, expect, it } from 'vitest';
import { canonicalize, definedAcronyms, initialsOf } from './entities.ts';
import type { EntityType, Mention } from './mentions.ts';

/** Mentions of `names` in `sentences`, located by text as a tagger would report them. */
function mentionsOf(sentences: string[], names: [number, string, EntityType][]): Mention[] {
  const from = new Map<number, number>();
  return names.map(([sentence, text, type]) => {
    const start = (sentences[sentence] as string).indexOf(text, from.get(sentence) ?? 0);
    if (start < 0) throw new Error(`"${text}" is not in sentence ${sentence}`);
    from.set(sentence, start + text.length);
    return { type, text, sentence, start, end: start + text.length };
  });
}

describe('canonicalize', () => {
  const sentences = [
    'Peruvian President Ana Quispe met Chilean President Tomas Rojas at the Andean Trade Council (ATC) in Lima.',
    'Quispe said the ATC would meet again, and Rojas agreed.',
    'Rojas flew on to the U.S. on Friday while Ana Quispe stayed in Peru.',
  ];
  const mentions = mentionsOf(sentences, [
    [0, 'Peruvian', 'MISC'], [0, 'Ana Quispe', 'PER'], [0, 'Chilean', 'MISC'], [0, 'Tomas Rojas', 'PER'],
    [0, 'Andean Trade Council', 'ORG'], [0, 'ATC', 'ORG'], [0, 'Lima', 'LOC'],
    [1, 'Quispe', 'PER'], [1, 'ATC', 'ORG'], [1, 'Rojas', 'ORG'],
    [2, 'Rojas', 'PER'], [2, 'U.S.', 'LOC'], [2, 'Ana Quispe', 'PER'], [2, 'Peru', 'LOC'],
  ]);
  const entities = canonicalize(mentions, sentences);

  it('merges surnames into full names, even when the tagger called one an organisation', () => {
    expect(entities.people.map((p) => [p.name, p.aliases, p.mentions, p.firstSentence])).toEqual([
      ['Ana Quispe', ['Quispe'], 3, 0],
      ['Tomas Rojas', ['Rojas'], 3, 0],
    ]);
  });

  it('gives people the roles stated next to their names', () => {
    expect(entities.people.map((p) => p.role)).toEqual(['President of Peru', 'President of Chile']);
  });

  it('merges an acronym into its expansion', () => {
    expect(entities.organizations).toEqual([{ name: 'Andean Trade Council', aliases: ['ATC'], mentions: 3, firstSentence: 0 }]);
  });

  it('resolves country abbreviations and counts countries named by a role', () => {
    const places = Object.fromEntries(entities.places.map((p) => [p.name, p]));
    expect(places['United States']).toMatchObject({ aliases: ['U.S.'], mentions: 1, firstSentence: 2 });
    expect(places.Peru).toMatchObject({ mentions: 2, firstSentence: 0 });
    expect(places.Chile).toMatchObject({ mentions: 1, firstSentence: 0 });
    expect(places.Lima).toMatchObject({ mentions: 1 });
  });

  it('merges spellings that differ only in diacritics and drops compass regions', () => {
    const s = ['José Peña met the West.', 'Jose Pena left.', 'Pena said no.'];
    const result = canonicalize(mentionsOf(s, [[0, 'José Peña', 'PER'], [0, 'West', 'LOC'], [1, 'Jose Pena', 'PER'], [2, 'Pena', 'PER']]), s);
    expect(result.people).toEqual([{ name: 'José Peña', aliases: ['Pena'], mentions: 3, firstSentence: 0 }]);
    expect(result.places).toEqual([]);
  });

  it('joins an acronym to a multi-word name with the same initials without a parenthesis', () => {
    const s = ['The North Atlantic Treaty Organization met.', 'NATO agreed.'];
    const result = canonicalize(mentionsOf(s, [[0, 'North Atlantic Treaty Organization', 'ORG'], [1, 'NATO', 'ORG']]), s);
    expect(result.organizations).toEqual([{ name: 'North Atlantic Treaty Organization', aliases: ['NATO'], mentions: 2, firstSentence: 0 }]);
  });
});

describe('acronyms', () => {
  it('spells initials skipping connectors', () => {
    expect(initialsOf('Bank of Central Lending')).toBe('BCL');
  });

  it('finds acronyms the text defines in parentheses', () => {
    expect(definedAcronyms(['Talks at the Pacific Fishing Board (PFB) ended.'])).toEqual(new Map([['PFB', 'Pacific Fishing Board']]));
  });
});
