import { describe, expect, it } from 'vitest';
import { canonicalize, cleanName, definedAcronyms, initialsOf, nameKey } from './entities.ts';
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

describe('canonicalize with tagging slips', () => {
  it('makes a multi-word name a person when its last word is tagged a person elsewhere', () => {
    const s = ['Her former partner is Maria Lopez, the court heard.', 'Lopez did not comment.', 'Maria left early.'];
    const result = canonicalize(mentionsOf(s, [[0, 'Maria Lopez', 'ORG'], [1, 'Lopez', 'PER'], [2, 'Maria', 'ORG']]), s);
    expect(result.people).toEqual([{ name: 'Maria Lopez', aliases: ['Lopez', 'Maria'], mentions: 3, firstSentence: 0 }]);
    expect(result.organizations).toEqual([]);
  });

  it('makes no person of a name whose last word only organisations and places end with', () => {
    const s = ['Scotland Yard detectives met at Green Square.', 'Ana Park of Scotland Yard said so.'];
    const result = canonicalize(
      mentionsOf(s, [[0, 'Scotland Yard', 'PER'], [0, 'Green Square', 'PER'], [1, 'Ana Park', 'PER'], [1, 'Scotland Yard', 'PER']]),
      s,
    );
    expect(result.people.map((p) => p.name)).toEqual(['Ana Park']);
    expect(result.organizations).toEqual([{ name: 'Scotland Yard', aliases: [], mentions: 2, firstSentence: 0 }]);
    expect(result.places.map((p) => p.name)).toEqual(['Green Square']);
  });

  it('joins a one-word name tagged a person to the one organisation it ends, as that organisation', () => {
    const s = ['According to the Daily Mirror, talks failed.', 'The Mirror said so.', 'Mirror reporters agreed.'];
    const result = canonicalize(mentionsOf(s, [[0, 'Daily Mirror', 'PER'], [1, 'Mirror', 'PER'], [2, 'Mirror', 'PER']]), s);
    expect(result.people).toEqual([]);
    expect(result.organizations).toEqual([{ name: 'Daily Mirror', aliases: ['Mirror'], mentions: 3, firstSentence: 0 }]);
  });

  it('makes an organisation of one word in camel case the tagger called a person or a place', () => {
    const s = ['OpenAI, backed by SoftBank, hired Mira Lane.', 'DeShawn Ames and McAllen officials met.'];
    const result = canonicalize(
      mentionsOf(s, [[0, 'OpenAI', 'LOC'], [0, 'SoftBank', 'PER'], [0, 'Mira Lane', 'PER'], [1, 'DeShawn Ames', 'PER'], [1, 'McAllen', 'LOC']]),
      s,
    );
    expect(result.organizations.map((o) => o.name)).toEqual(['OpenAI', 'SoftBank']);
    expect(result.people.map((p) => p.name)).toEqual(['Mira Lane', 'DeShawn Ames']);
    expect(result.places.map((p) => p.name)).toEqual(['McAllen']);
  });

  it('joins a company named with and without its legal form', () => {
    const s = ['Apple Inc. unveiled a phone.', 'Shares of Apple fell, and Orchard Holdings Ltd rose.', 'Orchard Holdings said so.'];
    const result = canonicalize(
      mentionsOf(s, [[0, 'Apple Inc.', 'ORG'], [1, 'Apple', 'ORG'], [1, 'Orchard Holdings Ltd', 'ORG'], [2, 'Orchard Holdings', 'ORG']]),
      s,
    );
    expect(result.organizations.map((o) => [o.name, o.aliases, o.mentions])).toEqual([
      ['Apple Inc', ['Apple'], 2],
      ['Orchard Holdings Ltd', ['Orchard Holdings'], 2],
    ]);
  });

  it('joins a one-word short form to the only organisation it ends, and drops bare titles', () => {
    const s = ['Riverside Rovers beat Hill Athletic.', 'Rovers scored twice, the Ambassador said.'];
    const result = canonicalize(
      mentionsOf(s, [[0, 'Riverside Rovers', 'ORG'], [0, 'Hill Athletic', 'ORG'], [1, 'Rovers', 'ORG'], [1, 'Ambassador', 'ORG']]),
      s,
    );
    expect(result.organizations.map((o) => [o.name, o.aliases, o.mentions])).toEqual([
      ['Riverside Rovers', ['Rovers'], 2],
      ['Hill Athletic', [], 1],
    ]);
  });

  it('drops honorifics and stray connectors from names', () => {
    const s = ['Mark Ray of the Hill Housing Trust of spoke.', 'Mr Ray said no.'];
    const result = canonicalize(mentionsOf(s, [[0, 'Mark Ray', 'PER'], [0, 'Hill Housing Trust of', 'ORG'], [1, 'Mr Ray', 'PER']]), s);
    expect(result.people).toEqual([{ name: 'Mark Ray', aliases: ['Ray'], mentions: 2, firstSentence: 0 }]);
    expect(result.organizations.map((o) => o.name)).toEqual(['Hill Housing Trust']);
  });

  it('drops people groups, demonyms and post-nominals the tagger returned as entities', () => {
    const s = ['Muslims and Peruvians welcomed Ana Ruiz QC.'];
    const result = canonicalize(mentionsOf(s, [[0, 'Muslims', 'PER'], [0, 'Peruvians', 'LOC'], [0, 'Ana Ruiz', 'PER'], [0, 'QC', 'ORG']]), s);
    expect(result.people.map((p) => p.name)).toEqual(['Ana Ruiz']);
    expect(result.places).toEqual([]);
    expect(result.organizations).toEqual([]);
  });

  it('lists a name both as a place and an organisation when it is tagged as each', () => {
    const s = ['Elmford beat Hillcrest in Elmford.', 'Elmford scored twice in Elmford.', 'Hillcrest is in Elmford county.'];
    const mentions = mentionsOf(s, [
      [0, 'Elmford', 'ORG'], [0, 'Hillcrest', 'ORG'], [0, 'Elmford', 'LOC'],
      [1, 'Elmford', 'ORG'], [1, 'Elmford', 'LOC'], [2, 'Hillcrest', 'LOC'],
    ]);
    const result = canonicalize(mentions, s);
    expect(result.places.map((p) => [p.name, p.mentions])).toEqual([['Elmford', 2], ['Hillcrest', 1]]);
    expect(result.organizations.map((o) => [o.name, o.mentions])).toEqual([['Elmford', 2], ['Hillcrest', 1]]);
  });

  it('keeps a country a place when the tagger calls its team an organisation', () => {
    const s = ['Kenya beat Chad in Kenya.'];
    const result = canonicalize(mentionsOf(s, [[0, 'Kenya', 'ORG'], [0, 'Chad', 'ORG'], [0, 'Kenya', 'LOC']]), s);
    expect(result.places.map((p) => p.name)).toEqual(['Kenya', 'Chad']);
    expect(result.organizations).toEqual([]);
  });

  it('counts summit clubs as organisations even when tagged MISC', () => {
    const s = ['Leaders met at the G-7 summit.'];
    expect(canonicalize(mentionsOf(s, [[0, 'G-7', 'MISC']]), s).organizations).toEqual([{ name: 'G-7', aliases: [], mentions: 1, firstSentence: 0 }]);
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

describe('cleanName', () => {
  it('leaves names that need no cleaning as they are', () => {
    for (const name of ['Barack Obama', "Conan O'Brien", 'AT&T', 'Coca-Cola', 'St. Louis', 'Étienne Dupont', 'Bank of England', 'Drake', 'Theo']) {
      expect(cleanName(name)).toBe(name);
    }
  });

  it('removes possessives, articles, honorifics, trailing connectors and stray punctuation', () => {
    expect(cleanName("Obama's")).toBe('Obama');
    expect(cleanName('Obama’s')).toBe('Obama');
    expect(cleanName('the Hague')).toBe('Hague');
    expect(cleanName('Mr. Smith')).toBe('Smith');
    expect(cleanName('Bank of')).toBe('Bank');
    expect(cleanName('Smith)')).toBe('Smith)');
    expect(cleanName('Smith,')).toBe('Smith');
    expect(cleanName('Jane  Roe')).toBe('Jane Roe');
    expect(cleanName('Corp.')).toBe('Corp');
    expect(cleanName('John J.')).toBe('John J.');
  });
});

describe('nameKey', () => {
  it('ignores case, dots, diacritics and extra white space', () => {
    expect(nameKey('Barack Obama')).toBe('barack obama');
    expect(nameKey('U.S.')).toBe('us');
    expect(nameKey('Étienne  Dupont ')).toBe('etienne dupont');
  });
});
