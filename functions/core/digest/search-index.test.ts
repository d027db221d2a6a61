import { describe, expect, it } from 'vitest';
import { harbourStory, hostileStory, madeUpIssue } from '../../../tests/support/made-up-issues.ts';
import { addToManifest, type ArchiveManifest, type Issue } from './issue.ts';
import { buildSearchIndex, parseSearchIndex, SEARCH_GLOBAL, searchEntry, searchIndexScript } from './search-index.ts';

const first = madeUpIssue(1, '2026-11-26T06:00:00Z', [harbourStory]);
const second = madeUpIssue(2, '2026-11-27T06:00:00Z', [hostileStory]);
const manifestOf = (...issues: Issue[]): ArchiveManifest => issues.reduce((m, issue) => addToManifest(m, issue), { issues: [] } as ArchiveManifest);

describe('searchEntry', () => {
  it('keeps what a reader remembers of each story: title, key sentences, names and their aliases', () => {
    const entry = searchEntry(first);
    expect(entry).toMatchObject({ number: 1, href: 'issues/1/index.html', headline: harbourStory.title });
    expect(entry.stories[0]).toEqual({
      title: harbourStory.title,
      summary: [0, 2, 4].map((i) => harbourStory.sentences[i]).join(' '),
      people: ['Ingrid Solberg'],
      places: ['Valmora', 'Kessby'],
      organizations: ['Valmora Port Authority', 'Green Coast Alliance'],
      aliases: ['VPA'],
    });
  });
});

describe('buildSearchIndex', () => {
  it('adds the fresh issue to the previous index, newest first, without loading the issues it already has', async () => {
    const previous = { version: 1 as const, issues: [searchEntry(first)] };
    const loaded: number[] = [];
    const index = await buildSearchIndex(manifestOf(first, second), [second], previous, async (n) => {
      loaded.push(n);
      return undefined;
    });
    expect(index.issues.map((e) => e.number)).toEqual([2, 1]);
    expect(loaded).toEqual([]);
  });

  it('loads the issues an archive published before search existed', async () => {
    const index = await buildSearchIndex(manifestOf(first, second), [second], undefined, async (n) => (n === 1 ? first : undefined));
    expect(index.issues.map((e) => e.headline)).toEqual([hostileStory.title, harbourStory.title]);
  });

  it('replaces the entry of an issue published again under the same number', async () => {
    const redone = madeUpIssue(1, '2026-11-26T07:00:00Z', [hostileStory]);
    const index = await buildSearchIndex(manifestOf(redone), [redone], { version: 1, issues: [searchEntry(first)] }, async () => undefined);
    expect(index.issues).toHaveLength(1);
    expect(index.issues[0]?.headline).toBe(hostileStory.title);
  });

  it('drops entries of issues no longer in the manifest', async () => {
    const index = await buildSearchIndex(manifestOf(second), [second], { version: 1, issues: [searchEntry(first)] }, async () => undefined);
    expect(index.issues.map((e) => e.number)).toEqual([2]);
  });
});

describe('parseSearchIndex', () => {
  it('reads back what was written and treats anything else as absent', () => {
    const index = { version: 1 as const, issues: [searchEntry(first)] };
    expect(parseSearchIndex(JSON.stringify(index))).toEqual(index);
    expect(parseSearchIndex(undefined)).toBeUndefined();
    expect(parseSearchIndex('{not json')).toBeUndefined();
    expect(parseSearchIndex('{"version":2,"issues":[]}')).toBeUndefined();
  });
});

describe('searchIndexScript', () => {
  it('assigns the index to a global and never lets article text close the script element', () => {
    const index = { version: 1 as const, issues: [searchEntry(second)] };
    const script = searchIndexScript(index);
    expect(script.startsWith(`window.${SEARCH_GLOBAL} = `)).toBe(true);
    expect(script).not.toContain('<');
    const assigned: Record<string, unknown> = {};
    new Function('window', script)(assigned);
    expect(assigned[SEARCH_GLOBAL]).toEqual(index);
  });

  it('escapes the line separators older engines reject in string literals', () => {
    const issue = madeUpIssue(3, '2026-11-28T06:00:00Z', [{ ...harbourStory, title: 'A\u2028B\u2029C' }]);
    const script = searchIndexScript({ version: 1, issues: [searchEntry(issue)] });
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(script).toContain('A\\u2028B\\u2029C');
  });
});
