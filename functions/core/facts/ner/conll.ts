import { ENTITY_TYPES, spansOf, type EntitySpan, type EntityType } from './tags.ts';

/** A CoNLL document: its sentences as tokens, with tags when the data is labelled. */
export interface ConllDocument {
  sentences: string[][];
  tags: string[][];
}

/**
 * Parses CoNLL-2003 text: token in the first column, tag in the last, blank lines between sentences,
 * `-DOCSTART-` lines between documents. Only the first and last columns are read (never POS or chunk).
 */
export function parseConll(text: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [], tags: [] };
  let tokens: string[] = [];
  let tags: string[] = [];
  const endSentence = () => {
    if (tokens.length > 0) {
      doc.sentences.push(tokens);
      doc.tags.push(tags);
    }
    tokens = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const columns = line.split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length > 0) documents.push(doc);
      doc = { sentences: [], tags: [] };
      continue;
    }
    tokens.push(columns[0]!);
    tags.push(columns.length > 1 ? columns[columns.length - 1]! : 'O');
  }
  endSentence();
  if (doc.sentences.length > 0) documents.push(doc);
  return documents;
}

export interface TypeScore {
  precision: number;
  recall: number;
  f1: number;
  /** Entities in the gold data, in the prediction, and exactly right (span and type). */
  gold: number;
  predicted: number;
  correct: number;
}

export interface ConllScore {
  perType: Record<EntityType, TypeScore>;
  /** Micro-averaged over PER, LOC and ORG (MISC is reported in `perType` only). */
  micro: TypeScore;
  /** Micro-averaged over all four types, as conlleval's overall line. */
  overall: TypeScore;
}

function score(gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted === 0 ? 0 : (100 * correct) / predicted;
  const recall = gold === 0 ? 0 : (100 * correct) / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

/**
 * Exact-span, exact-type scores as conlleval counts them. Tags may be IOB1 or IOB2 (chunks start at B-X or
 * at I-X after a different tag).
 */
export function scoreConll(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): ConllScore {
  const counts = new Map<EntityType, { gold: number; predicted: number; correct: number }>(
    ENTITY_TYPES.map((type) => [type, { gold: 0, predicted: 0, correct: 0 }]),
  );
  const key = (span: EntitySpan) => `${span.type}:${span.start}:${span.end}`;
  for (let s = 0; s < gold.length; s++) {
    const goldSpans = spansOf(gold[s]!);
    const predictedSpans = spansOf(predicted[s] ?? []);
    const goldKeys = new Set(goldSpans.map(key));
    for (const span of goldSpans) counts.get(span.type)!.gold++;
    for (const span of predictedSpans) {
      const count = counts.get(span.type)!;
      count.predicted++;
      if (goldKeys.has(key(span))) count.correct++;
    }
  }
  const perType = Object.fromEntries(
    ENTITY_TYPES.map((type) => {
      const c = counts.get(type)!;
      return [type, score(c.gold, c.predicted, c.correct)];
    }),
  ) as Record<EntityType, TypeScore>;
  const sum = (types: readonly EntityType[]) => {
    let g = 0;
    let p = 0;
    let c = 0;
    for (const type of types) {
      g += perType[type].gold;
      p += perType[type].predicted;
      c += perType[type].correct;
    }
    return score(g, p, c);
  };
  return { perType, micro: sum(['PER', 'LOC', 'ORG']), overall: sum(ENTITY_TYPES) };
}
