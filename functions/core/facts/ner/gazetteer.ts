import { hashString, phraseHash } from './hash.ts';
import { normalizeToken } from './normalize.ts';
import { ENTITY_TYPES, type EntityType } from './tags.ts';

/** One entity name and its type, as a list of tokens. */
export interface GazetteerEntry {
  tokens: readonly string[];
  type: EntityType;
}

export const MAX_PHRASE = 6;

// Value bits of a table entry.
/** Bits 0-3: the entity types a phrase with this hash names. */
export const PHRASE_TYPES = 0xf;
/** Bit 4: this hash is a proper prefix of a longer phrase, so matching should go on. */
export const IS_PREFIX = 0x10;
/** Bits 8-23: (type * 4 + part) for each position B, I, L, U a single token takes inside known names. */
export const TOKEN_SHIFT = 8;

/**
 * Names seen as entities in the training data (Ratinov & Roth's gazetteer from the training set), as an
 * open-addressing table from a phrase hash (of normalised tokens, see `phraseHash`) to what it names.
 * Entries are stored as written and in capitals, so ALL-CAPS headlines match too. The table is
 * shipped as-is in the model file, so loading it costs nothing.
 */
export class Gazetteer {
  constructor(
    readonly keys: Uint32Array,
    readonly values: Uint32Array,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  lookup(hash: number): number {
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === hash) return this.values[slot]!;
      if (key === 0) return 0;
      slot = (slot + 1) & mask;
    }
  }

  static build(entries: Iterable<GazetteerEntry>): Gazetteer {
    const values = new Map<number, number>();
    const or = (hash: number, bits: number) => values.set(hash, (values.get(hash) ?? 0) | bits);
    for (const entry of entries) {
      if (entry.tokens.length === 0 || entry.tokens.length > MAX_PHRASE) continue;
      const type = ENTITY_TYPES.indexOf(entry.type);
      const normal = entry.tokens.map(normalizeToken);
      for (const form of [normal, normal.map((t) => t.toUpperCase())]) {
        const hashes = form.map((token) => hashString(token));
        let phrase = 0;
        hashes.forEach((tokenHash, i) => {
          phrase = i === 0 ? tokenHash : phraseHash(phrase, tokenHash);
          if (i < hashes.length - 1) or(phrase, IS_PREFIX);
          const part = hashes.length === 1 ? 3 : i === 0 ? 0 : i === hashes.length - 1 ? 2 : 1;
          or(tokenHash, 1 << (TOKEN_SHIFT + type * 4 + part));
        });
        or(phrase, 1 << type);
      }
    }
    let size = 1;
    while (size < values.size * 2) size <<= 1;
    const keys = new Uint32Array(size);
    const table = new Uint32Array(size);
    // Insert in sorted key order so the table (and the model file) does not depend on Map order.
    for (const hash of [...values.keys()].sort((a, b) => a - b)) {
      let slot = hash & (size - 1);
      while (keys[slot] !== 0) slot = (slot + 1) & (size - 1);
      keys[slot] = hash;
      table[slot] = values.get(hash)!;
    }
    return new Gazetteer(keys, table);
  }
}

/** The distinct names of a labelled corpus, for `Gazetteer.build`. */
export function distinctEntries(entries: Iterable<GazetteerEntry>): GazetteerEntry[] {
  const seen = new Map<string, GazetteerEntry>();
  for (const entry of entries) seen.set(`${entry.type}\t${entry.tokens.join(' ')}`, entry);
  return [...seen.values()];
}
