/**
 * Document-level entity lists on CoNLL-2003: what a reader of `digest facts` sees. For each document
 * the gold list is its distinct PER / LOC / ORG names; ours is either the tagger's distinct mentions
 * ("raw") or the canonical people, places and organisations of entities.ts ("canonical"), where an
 * entity counts as right when its name or any alias is a gold name of its type and one entity covers
 * every gold name among its aliases. This measures what merging, type repair and filtering add to the
 * tagger on news the rules were not written against. Names on both sides are compared as the engine
 * shows them (no leading "the", no possessive, case and diacritics ignored).
 */
import { readFileSync } from 'node:fs';
import { canonicalize, cleanName, nameKey } from '../../functions/core/facts/entities.ts';
import type { EntityType, Mention } from '../../functions/core/facts/mentions.ts';
import { parseConll } from '../../functions/core/facts/ner/conll.ts';
import { getTagger, spansOf } from '../../functions/core/facts/ner/index.ts';

type ListType = Exclude<EntityType, 'MISC'>;
const TYPES: readonly ListType[] = ['PER', 'LOC', 'ORG'];

export interface ListScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface DocumentEntityScores {
  documents: number;
  raw: Record<ListType | 'all', ListScores>;
  canonical: Record<ListType | 'all', ListScores>;
}

interface Counts {
  extracted: number;
  correct: number;
  gold: number;
  covered: number;
}

function mentionsOf(sentences: readonly string[][], tags: readonly string[][], texts: string[]): Mention[] {
  const mentions: Mention[] = [];
  sentences.forEach((tokens, s) => {
    const starts: number[] = [];
    let offset = 0;
    for (const t of tokens) {
      starts.push(offset);
      offset += t.length + 1;
    }
    texts[s] = tokens.join(' ');
    for (const span of spansOf(tags[s] ?? [])) {
      const start = starts[span.start] as number;
      const end = (starts[span.end - 1] as number) + (tokens[span.end - 1] as string).length;
      mentions.push({ type: span.type, text: (texts[s] as string).slice(start, end), sentence: s, start, end });
    }
  });
  return mentions;
}

function score(c: Counts): ListScores {
  const precision = c.extracted ? (100 * c.correct) / c.extracted : 0;
  const recall = c.gold ? (100 * c.covered) / c.gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function documentEntityScores(goldPath: string): DocumentEntityScores {
  const tagger = getTagger();
  const empty = (): Record<ListType, Counts> => ({
    PER: { extracted: 0, correct: 0, gold: 0, covered: 0 },
    LOC: { extracted: 0, correct: 0, gold: 0, covered: 0 },
    ORG: { extracted: 0, correct: 0, gold: 0, covered: 0 },
  });
  const raw = empty();
  const canonical = empty();
  const documents = parseConll(readFileSync(goldPath, 'utf8'));
  for (const doc of documents) {
    const texts: string[] = [];
    const goldMentions = mentionsOf(doc.sentences, doc.tags, texts);
    const predicted = mentionsOf(doc.sentences, tagger.tagDocument(doc.sentences), []);
    const gold = new Map<ListType, Set<string>>(TYPES.map((t) => [t, new Set()]));
    // Names compare as the engine shows them: without a leading "the" or a possessive.
    const key = (text: string) => nameKey(cleanName(text));
    for (const m of goldMentions) if (m.type !== 'MISC') gold.get(m.type)?.add(key(m.text));

    for (const type of TYPES) {
      const goldNames = gold.get(type) as Set<string>;
      const rawNames = new Set(predicted.filter((m) => m.type === type).map((m) => key(m.text)));
      raw[type].gold += goldNames.size;
      raw[type].extracted += rawNames.size;
      for (const n of rawNames) if (goldNames.has(n)) raw[type].correct++;
      for (const g of goldNames) if (rawNames.has(g)) raw[type].covered++;
    }

    const entities = canonicalize(predicted, texts);
    const lists: Record<ListType, { name: string; aliases: string[] }[]> = { PER: entities.people, LOC: entities.places, ORG: entities.organizations };
    for (const type of TYPES) {
      const goldNames = gold.get(type) as Set<string>;
      const covered = new Set<string>();
      canonical[type].gold += goldNames.size;
      canonical[type].extracted += lists[type].length;
      for (const e of lists[type]) {
        const names = [e.name, ...e.aliases].map(nameKey);
        if (names.some((n) => goldNames.has(n))) canonical[type].correct++;
        for (const n of names) if (goldNames.has(n)) covered.add(n);
      }
      canonical[type].covered += covered.size;
    }
  }
  const total = (counts: Record<ListType, Counts>): Counts =>
    TYPES.reduce((a, t) => ({ extracted: a.extracted + counts[t].extracted, correct: a.correct + counts[t].correct, gold: a.gold + counts[t].gold, covered: a.covered + counts[t].covered }), {
      extracted: 0, correct: 0, gold: 0, covered: 0,
    });
  const scores = (counts: Record<ListType, Counts>) => ({ PER: score(counts.PER), LOC: score(counts.LOC), ORG: score(counts.ORG), all: score(total(counts)) });
  return { documents: documents.length, raw: scores(raw), canonical: scores(canonical) };
}
