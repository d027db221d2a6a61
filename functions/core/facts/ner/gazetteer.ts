import { ENTITY_TYPES, type EntityType } from './tags.ts';
import { normalizeToken } from './normalize.ts';

/** One entity name and its type, as a list of tokens. */
export interface GazetteerEntry {
  tokens: string[];
  type: EntityType;
}

const MAX_PHRASE = 6;

/**
 * Names seen as entities in the training data (Ratinov & Roth's "gazetteer from the training set").
 * Phrases match exactly or in capitals (for ALL-CAPS headlines); single tokens also report which types
 * and positions they take inside known names.
 */
export class Gazetteer {
  /** phrase -> bit mask of entity types (bit = type index). */
  private readonly phrases = new Map<string, number>();
  /** proper prefixes of phrases, so matching stops early. */
  private readonly prefixes = new Set<string>();
  /** token -> bit mask of (type * 4 + part) with part B, I, L, U. */
  private readonly tokens = new Map<string, number>();
  readonly entries: GazetteerEntry[] = [];

  constructor(entries: Iterable<GazetteerEntry>) {
    for (const entry of entries) this.add(entry);
  }

  private add(entry: GazetteerEntry): void {
    if (entry.tokens.length === 0 || entry.tokens.length > MAX_PHRASE) return;
    const type = ENTITY_TYPES.indexOf(entry.type);
    const normal = entry.tokens.map(normalizeToken);
    const key = normal.join(' ');
    if (!this.phrases.has(key) || ((this.phrases.get(key)! >> type) & 1) === 0) this.entries.push(entry);
    for (const form of [normal, normal.map((t) => t.toUpperCase())]) {
      const phrase = form.join(' ');
      this.phrases.set(phrase, (this.phrases.get(phrase) ?? 0) | (1 << type));
      for (let n = 1; n < form.length; n++) this.prefixes.add(form.slice(0, n).join(' '));
      const last = form.length - 1;
      form.forEach((token, i) => {
        const part = form.length === 1 ? 3 : i === 0 ? 0 : i === last ? 2 : 1;
        this.tokens.set(token, (this.tokens.get(token) ?? 0) | (1 << (type * 4 + part)));
      });
    }
  }

  /** Bit mask of (type * 4 + part) for a normalised token, 0 when unknown. */
  tokenMask(token: string): number {
    return this.tokens.get(token) ?? 0;
  }

  /**
   * Every known phrase in a sentence of normalised tokens: calls `found(start, end, typeMask)`.
   */
  matches(tokens: readonly string[], found: (start: number, end: number, typeMask: number) => void): void {
    for (let start = 0; start < tokens.length; start++) {
      let key = tokens[start]!;
      for (let end = start + 1; ; end++) {
        const mask = this.phrases.get(key);
        if (mask !== undefined) found(start, end, mask);
        if (end >= tokens.length || end - start >= MAX_PHRASE || !this.prefixes.has(key)) break;
        key = `${key} ${tokens[end]!}`;
      }
    }
  }
}
