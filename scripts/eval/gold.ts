/**
 * Recall and precision of extracted people, places and organisations against a hand-labelled gold
 * file: an extracted entity matches a gold one when any of their names or aliases agree (ignoring
 * case and diacritics); each gold entity is matched at most once.
 */
export interface GoldEntity {
  name: string;
  aliases?: string[];
  role?: string;
}

export interface Extracted {
  name: string;
  aliases: string[];
  role?: string;
}

export interface ListScore {
  gold: number;
  extracted: number;
  matched: number;
  recall: number;
  precision: number;
  /** Matched people whose role equals the gold role. */
  rolesCorrect?: number;
  missing: string[];
  invented: string[];
}

function key(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.\-\s]/g, '');
}

export function scoreList(gold: readonly GoldEntity[], extracted: readonly Extracted[], withRoles = false): ListScore {
  const used = new Set<number>();
  let matched = 0;
  let rolesCorrect = 0;
  const invented: string[] = [];
  for (const e of extracted) {
    const names = new Set([e.name, ...e.aliases].map(key));
    const index = gold.findIndex((g, i) => !used.has(i) && [g.name, ...(g.aliases ?? [])].some((n) => names.has(key(n))));
    if (index < 0) {
      invented.push(e.name);
      continue;
    }
    used.add(index);
    matched++;
    if (withRoles && e.role !== undefined && e.role === gold[index]?.role) rolesCorrect++;
  }
  const missing = gold.filter((_, i) => !used.has(i)).map((g) => g.name);
  return {
    gold: gold.length,
    extracted: extracted.length,
    matched,
    recall: gold.length ? matched / gold.length : 1,
    precision: extracted.length ? matched / extracted.length : 1,
    ...(withRoles ? { rolesCorrect } : {}),
    missing,
    invented,
  };
}
