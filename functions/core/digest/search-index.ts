/**
 * The prebuilt index behind the archive's client-side search: per issue, what a reader may remember of it
 * (headline, story titles, key sentences, the names of people, places and organisations).
 *
 * It is published twice: `search-index.json` is the data (read back at the next publish, so a run only adds
 * its own issue), and `search-index.js` assigns the same data to a global, because pages opened from disk
 * (file://) may load a script but may not fetch() a JSON file.
 */
import type { ArchiveManifest, Issue } from './issue.ts';
import { issuePagePath } from './links.ts';

export const SEARCH_DATA_KEY = 'search-index.json';
/** The global `search-index.js` assigns; `search.js` reads it. */
export const SEARCH_GLOBAL = 'digestSearchIndex';

export interface SearchStory {
  title: string;
  /** The key sentences, joined. */
  summary: string;
  people: string[];
  places: string[];
  organizations: string[];
  /** Other names of the same entities ("SCO", "Xi"), searched but not shown. */
  aliases: string[];
}

export interface SearchEntry {
  number: number;
  /** Relative to the archive root, like the index pages that load the index. */
  href: string;
  /** ISO timestamp of publication. */
  publishedAt: string;
  headline: string;
  stories: SearchStory[];
}

export interface SearchIndex {
  version: 1;
  /** Newest first, as on the index pages. */
  issues: SearchEntry[];
}

export function searchEntry(issue: Issue): SearchEntry {
  return {
    number: issue.number,
    href: issuePagePath(issue.number),
    publishedAt: issue.publishedAt,
    headline: issue.headline,
    stories: issue.stories.map(({ title, facts }) => ({
      title,
      summary: facts.summary.join(' '),
      people: facts.people.map((p) => p.name),
      places: facts.places.map((p) => p.name),
      organizations: facts.organizations.map((o) => o.name),
      aliases: [...new Set([...facts.people, ...facts.places, ...facts.organizations].flatMap((e) => e.aliases))],
    })),
  };
}

/**
 * The index for the archive in `manifest`: entries of `fresh` issues are rebuilt, entries of `previous` are kept,
 * and an issue found in neither is loaded (an archive published before search existed, or a lost index file).
 */
export async function buildSearchIndex(
  manifest: ArchiveManifest,
  fresh: readonly Issue[],
  previous: SearchIndex | undefined,
  loadIssue: (issueNumber: number) => Promise<Issue | undefined>,
): Promise<SearchIndex> {
  const known = new Map<number, SearchEntry>();
  for (const entry of previous?.issues ?? []) known.set(entry.number, entry);
  for (const issue of fresh) known.set(issue.number, searchEntry(issue));
  const issues: SearchEntry[] = [];
  for (const { number } of manifest.issues) {
    let entry = known.get(number);
    if (!entry) {
      const issue = await loadIssue(number);
      if (issue) entry = searchEntry(issue);
    }
    if (entry) issues.push(entry);
  }
  return { version: 1, issues };
}

/** Reads `search-index.json` back; anything unreadable counts as absent (the index is then rebuilt from the issues). */
export function parseSearchIndex(text: string | undefined): SearchIndex | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as Partial<SearchIndex>;
    return data.version === 1 && Array.isArray(data.issues) ? (data as SearchIndex) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The script form of the index. JSON is valid JavaScript, but "<" is escaped anyway so that no article text
 * can ever close a script element, and U+2028/U+2029 for older engines.
 */
export function searchIndexScript(index: SearchIndex): string {
  const json = JSON.stringify(index)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `window.${SEARCH_GLOBAL} = ${json};\n`;
}
