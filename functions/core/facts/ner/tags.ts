export type EntityType = 'PER' | 'LOC' | 'ORG' | 'MISC';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'LOC', 'ORG', 'MISC'];

/** An entity mention: token indexes, `end` exclusive. */
export interface EntitySpan {
  type: EntityType;
  start: number;
  end: number;
}

function entityType(label: string): EntityType | undefined {
  const type = label.slice(2);
  return (ENTITY_TYPES as readonly string[]).includes(type) ? (type as EntityType) : undefined;
}

/**
 * IOB2 (or IOB1) tags -> spans, counted the way conlleval counts chunks: a chunk starts at B-X, or at I-X
 * after O or after a different type; unknown types are treated as O.
 */
export function spansOf(tags: readonly string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let open: EntitySpan | undefined;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const type = tag.length > 2 && tag[1] === '-' ? entityType(tag) : undefined;
    const prefix = tag[0];
    if (type === undefined) {
      open = undefined;
      continue;
    }
    if (prefix === 'I' && open && open.type === type) {
      open.end = i + 1;
      continue;
    }
    open = { type, start: i, end: i + 1 };
    spans.push(open);
  }
  return spans;
}

/** Spans -> IOB2 tags for a sentence of `length` tokens. */
export function iob2Of(spans: readonly EntitySpan[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) tags[i] = `${i === span.start ? 'B' : 'I'}-${span.type}`;
  }
  return tags;
}

/**
 * The internal tag set: BILOU (Begin, Inside, Last, Outside, Unit) over the four types, with the
 * transitions that keep a sequence well formed. Index 0 is O; type t has B=1+4t, I=2+4t, L=3+4t, U=4+4t.
 */
export const TAG_COUNT = 1 + 4 * ENTITY_TYPES.length;
const B = 0;
const I = 1;
const L = 2;
const U = 3;

export function tagIndex(type: number, part: number): number {
  return 1 + 4 * type + part;
}
export function tagType(tag: number): number {
  return tag === 0 ? -1 : (tag - 1) >> 2;
}
export function tagPart(tag: number): number {
  return tag === 0 ? -1 : (tag - 1) & 3;
}

export const TAG_NAMES: readonly string[] = (() => {
  const names = ['O'];
  for (const type of ENTITY_TYPES) for (const part of 'BILU') names.push(`${part}-${type}`);
  return names;
})();

/** May tag `next` follow tag `prev`? `-1` stands for the sentence boundary. */
export function allowedTransition(prev: number, next: number): boolean {
  const prevOpen = prev >= 0 && prev !== 0 && (tagPart(prev) === B || tagPart(prev) === I);
  if (prevOpen) {
    // Inside an entity only I or L of the same type may follow.
    return next >= 0 && next !== 0 && tagType(next) === tagType(prev) && (tagPart(next) === I || tagPart(next) === L);
  }
  // After O, L, U or the boundary: O, B or U (or the boundary).
  return next < 0 || next === 0 || tagPart(next) === B || tagPart(next) === U;
}

/** BILOU tag indexes of a sentence from its spans. */
export function bilouOf(spans: readonly EntitySpan[], length: number): Uint8Array {
  const tags = new Uint8Array(length);
  for (const span of spans) {
    const type = ENTITY_TYPES.indexOf(span.type);
    if (span.end - span.start === 1) tags[span.start] = tagIndex(type, U);
    else {
      tags[span.start] = tagIndex(type, B);
      for (let i = span.start + 1; i < span.end - 1; i++) tags[i] = tagIndex(type, I);
      tags[span.end - 1] = tagIndex(type, L);
    }
  }
  return tags;
}

/** IOB2 tag string of each BILOU tag index (B and U open a span, I and L continue it). */
const IOB2_OF_BILOU: readonly string[] = TAG_NAMES.map((name) =>
  name === 'O' ? 'O' : `${name[0] === 'B' || name[0] === 'U' ? 'B' : 'I'}-${name.slice(2)}`,
);

/** Well-formed BILOU tag indexes -> IOB2 tag strings. */
export function iob2OfBilou(tags: ArrayLike<number>): string[] {
  const out = new Array<string>(tags.length);
  for (let i = 0; i < tags.length; i++) out[i] = IOB2_OF_BILOU[tags[i]!]!;
  return out;
}
