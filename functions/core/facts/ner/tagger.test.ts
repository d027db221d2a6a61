import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTagger, spansOf, tokenize, type EntityType } from './index.ts';
import { FeatureExtractor } from './features.ts';
import { defaultModelPath, taggerFromBytes } from './load.ts';
import { decodeModel } from './model-file.ts';

/** Tags made-up sentences as one document; returns "TYPE text" for every entity found. */
function entities(...sentences: string[]): string[] {
  const tokens = sentences.map((s) => tokenize(s).map((t) => t.text));
  const tags = getTagger().tagDocument(tokens);
  return tags.flatMap((sentenceTags, s) =>
    spansOf(sentenceTags).map((span) => `${span.type} ${tokens[s]!.slice(span.start, span.end).join(' ')}`),
  );
}

const ofType = (found: string[], type: EntityType) => found.filter((e) => e.startsWith(`${type} `));

describe('getTagger', () => {
  it('loads the shipped model once per process', () => {
    const started = performance.now();
    const tagger = getTagger();
    const ms = performance.now() - started;
    // Reported, not asserted: timing on a shared machine is noisy. See README.md for the measured figure.
    console.log(`NER model load: ${ms.toFixed(1)} ms (first call in this worker)`);
    expect(getTagger()).toBe(tagger);
  });

  it('returns IOB2 tags, one per token, and nothing for empty sentences', () => {
    const tags = getTagger().tagDocument([['The', 'talks', 'ended', '.'], []]);
    expect(tags).toEqual([['O', 'O', 'O', 'O'], []]);
  });

  it('finds leaders, countries and organisations in mixed-case modern news', () => {
    const found = entities(
      'Chinese President Xi Jinping and Russian President Vladimir Putin met in Kazakhstan on Tuesday.',
      'António Guterres of the United Nations urged both sides to keep talking.',
    );
    expect(ofType(found, 'PER')).toEqual(expect.arrayContaining(['PER Xi Jinping', 'PER Vladimir Putin', 'PER António Guterres']));
    expect(ofType(found, 'LOC')).toContain('LOC Kazakhstan');
    expect(ofType(found, 'ORG')).toContain('ORG United Nations');
    expect(ofType(found, 'MISC')).toEqual(expect.arrayContaining(['MISC Chinese', 'MISC Russian']));
  });

  it('treats a curly apostrophe like a straight one', () => {
    const curly = entities('Norway’s prime minister Jonas Lindqvist flew to Brussels on Monday.');
    const straight = entities("Norway's prime minister Jonas Lindqvist flew to Brussels on Monday.");
    expect(curly).toEqual(straight);
    expect(curly).toEqual(expect.arrayContaining(['LOC Norway', 'PER Jonas Lindqvist', 'LOC Brussels']));
  });

  it('labels a surname alone like the full name seen earlier in the document', () => {
    const found = entities(
      'Finance minister Margarethe Okonkwo-Baptiste presented the budget in Lagos on Wednesday.',
      'Okonkwo-Baptiste said growth would slow next year.',
    );
    expect(found).toEqual(expect.arrayContaining(['PER Margarethe Okonkwo-Baptiste', 'PER Okonkwo-Baptiste', 'LOC Lagos']));
  });

  it('finds companies and cities in business news', () => {
    const found = entities('Shares of Microsoft rose 3 percent in New York after the company beat forecasts.');
    expect(found).toEqual(expect.arrayContaining(['ORG Microsoft', 'LOC New York']));
  });
});

describe('TwoPassTagger edge cases', () => {
  it('handles an empty document, empty sentences between others, and unusual characters', () => {
    const tagger = getTagger();
    expect(tagger.tagDocument([])).toEqual([]);
    const tags = tagger.tagDocument([[], ['Tokyo', '🙂', '東京', '', 'ﬁnance'], []]);
    expect(tags.map((s) => s.length)).toEqual([0, 5, 0]);
    for (const tag of tags.flat()) expect(tag).toMatch(/^(O|[BI]-(PER|LOC|ORG|MISC))$/);
  });

  it('tags a sentence longer than its caches hold, the same way as the same words in short sentences', () => {
    const words = ['Officials', 'in', 'Nairobi', 'said', 'Kenya', 'would', 'respond', ','];
    const long = Array.from({ length: 12_000 }, (_, i) => words[i % words.length]!);
    const tags = getTagger().tagDocument([long]);
    expect(tags[0]).toHaveLength(long.length);
    expect(tags[0]!.filter((tag, i) => long[i] === 'Nairobi' && tag !== 'B-LOC')).toEqual([]);
  });

  it('gives the same tags when the same document is tagged twice (no state leaks between documents)', () => {
    const doc = [tokenize('Maria Lopez of Acme Corp met officials in Quito.').map((t) => t.text)];
    const tagger = getTagger();
    const first = tagger.tagDocument(doc);
    tagger.tagDocument([tokenize('Quito Quito Quito Acme Acme Lopez').map((t) => t.text)]);
    expect(tagger.tagDocument(doc)).toEqual(first);
  });

  it('tags a sentence too long for its caches (9,000 tokens) from all its features', () => {
    const clause = 'shares of Microsoft rose 3 percent in New York after the company beat forecasts ,';
    const long = Array.from({ length: 600 }, () => clause).join(' ');
    const found = entities(long);
    expect(found.filter((e) => e === 'ORG Microsoft').length).toBeGreaterThan(550);
    expect(found.filter((e) => e === 'LOC New York').length).toBeGreaterThan(550);
  });
});

describe('TwoPassTagger on plain stretches', () => {
  const bytes = readFileSync(defaultModelPath());
  const tokensOf = (...sentences: string[]) => sentences.map((s) => tokenize(s).map((t) => t.text));

  it('gives the tags of the full decode when that labels every plain stretch O', () => {
    const doc = tokensOf(
      'Chinese President Xi Jinping arrived in Astana on Tuesday for a two-day summit of the Shanghai Cooperation Organization.',
      'the talks , which officials said would last until late evening , covered trade and security .',
      'Kazakh President Kassym-Jomart Tokayev said the group , known as the SCO , would admit Laos next year .',
      'Shares of Apple Inc. fell 2 percent in New York after the company cut its forecast for iPhone sales .',
    );
    const full = taggerFromBytes(bytes, true).tagDocument(doc);
    expect(full.flat().filter((tag) => tag !== 'O').length).toBeGreaterThan(10);
    expect(taggerFromBytes(bytes).tagDocument(doc)).toEqual(full);
  });

  it('labels a stretch of plain words O without decoding it, even where the full decode finds a name', () => {
    // CoNLL-2003 marks some lower-case organisations; the full decode follows it here, the tagger does not.
    const doc = tokensOf('Interfax said the interior ministry would investigate.', 'Officials at the interior ministry declined to comment.');
    const full = taggerFromBytes(bytes, true).tagDocument(doc);
    expect(full[1]).toEqual(['O', 'O', 'O', 'B-ORG', 'I-ORG', 'O', 'O', 'O', 'O']);
    const fast = taggerFromBytes(bytes).tagDocument(doc);
    expect(fast[1]).toEqual(Array(9).fill('O'));
    expect(fast[0]![0]).toBe('B-ORG');
  });

  it('counts "I" and a sentence or quotation opened by "The" or "But" as plain, but no other capital', () => {
    const extractor = new FeatureExtractor(decodeModel(bytes).gazetteer);
    const doc = tokensOf('The talks ended .', 'He said : " But I disagree with Theresa . "', 'The Hague ruled ; the court and Apple agree .');
    extractor.begin(doc);
    const plain = doc.map((tokens, s) => tokens.filter((_, i) => extractor.isPlain(s, i)));
    expect(plain).toEqual([
      ['The', 'talks', 'ended', '.'],
      ['He', 'said', ':', '"', 'But', 'I', 'disagree', 'with', '.', '"'],
      ['The', 'ruled', ';', 'the', 'court', 'and', 'agree', '.'],
    ]);
    // "The" before a name is scored with it, as a neighbour of a capitalised word.
    expect(taggerFromBytes(bytes).tagDocument(doc)).toEqual(taggerFromBytes(bytes, true).tagDocument(doc));
  });

  it('decodes a lower-case word beside a capital, and words of scripts without case', () => {
    const doc = tokensOf('He flew to Shanghai and then to 北京 with aides .');
    expect(taggerFromBytes(bytes).tagDocument(doc)).toEqual(taggerFromBytes(bytes, true).tagDocument(doc));
  });
});

