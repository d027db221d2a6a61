/** Publishing: the issue's page and data, then the index pages, the search index and the feed that list it. */
import type { ArchiveStore } from '../../ports.ts';
import { addToManifest, type ArchiveManifest, type Issue } from './issue.ts';
import { indexPageCount, indexPagePath, issueDataPath, issuePagePath } from './links.ts';
import { render, type Templates } from './render.ts';
import { buildSearchIndex, parseSearchIndex, SEARCH_DATA_KEY, searchIndexScript } from './search-index.ts';
import {
  feedView,
  indexPageView,
  issuePageView,
  neighboursOf,
  SEARCH_SCRIPT_KEY,
  SEARCH_UI_SCRIPT_KEY,
  SITE_SCRIPT_KEY,
  type SiteInfo,
} from './views.ts';

export const MANIFEST_KEY = 'issues.json';
/** Issues carried in full in the Atom feed. */
const FEED_ISSUES = 20;

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

export async function readManifest(archive: ArchiveStore): Promise<ArchiveManifest> {
  const text = await archive.get(MANIFEST_KEY);
  if (text === undefined) return { issues: [] };
  const data = JSON.parse(text) as ArchiveManifest;
  return Array.isArray(data.issues) ? data : { issues: [] };
}

export async function readIssue(archive: ArchiveStore, issueNumber: number): Promise<Issue | undefined> {
  const text = await archive.get(issueDataPath(issueNumber));
  return text === undefined ? undefined : (JSON.parse(text) as Issue);
}

/**
 * Writes issue N and refreshes what lists it: the pages of its neighbours (their older/newer links), every index
 * page (adding an issue shifts the pagination), the search index and the feed. Returns the archive keys written.
 */
export async function publishIssue(
  issue: Issue,
  manifest: ArchiveManifest,
  archive: ArchiveStore,
  templates: Templates,
  site: SiteInfo,
): Promise<string[]> {
  const updated = addToManifest(manifest, issue);
  const written: string[] = [];
  const put = async (key: string, body: string, type: string) => {
    await archive.put(key, body, type);
    written.push(key);
  };
  const loaded = new Map<number, Issue | undefined>([[issue.number, issue]]);
  const load = async (issueNumber: number) => {
    if (!loaded.has(issueNumber)) loaded.set(issueNumber, await readIssue(archive, issueNumber));
    return loaded.get(issueNumber);
  };
  const putIssuePage = async (item: Issue) =>
    put(issuePagePath(item.number), render(templates, 'issue.html', issuePageView(item, site, '', neighboursOf(updated, item.number))), CONTENT_TYPES.html);

  await put(issueDataPath(issue.number), `${JSON.stringify(issue, null, 2)}\n`, CONTENT_TYPES.json);
  await putIssuePage(issue);
  const { older, newer } = neighboursOf(updated, issue.number);
  for (const neighbour of [older, newer]) {
    const item = neighbour === undefined ? undefined : await load(neighbour);
    if (item) await putIssuePage(item);
  }

  await put(MANIFEST_KEY, `${JSON.stringify(updated, null, 2)}\n`, CONTENT_TYPES.json);
  for (let page = 1; page <= indexPageCount(updated.issues.length); page++) {
    await put(indexPagePath(page), render(templates, 'index.html', indexPageView(updated, site, page)), CONTENT_TYPES.html);
  }

  const previousSearch = parseSearchIndex(await archive.get(SEARCH_DATA_KEY));
  const search = await buildSearchIndex(updated, [issue], previousSearch, load);
  await put(SEARCH_DATA_KEY, `${JSON.stringify(search)}\n`, CONTENT_TYPES.json);
  await put(SEARCH_SCRIPT_KEY, searchIndexScript(search), CONTENT_TYPES.js);
  await put(SITE_SCRIPT_KEY, templates['site.js'], CONTENT_TYPES.js);
  await put(SEARCH_UI_SCRIPT_KEY, templates['search.js'], CONTENT_TYPES.js);

  const feedIssues: Issue[] = [];
  for (const entry of updated.issues.slice(0, FEED_ISSUES)) {
    const item = await load(entry.number);
    if (item) feedIssues.push(item);
  }
  const rendered = feedIssues.map((item) => ({
    issue: item,
    contentHtml: render(templates, 'feed-entry.html', issuePageView(item, site, `${site.siteUrl}${issuePagePath(item.number)}`)),
  }));
  await put('feed.xml', render(templates, 'feed.xml', feedView(site, rendered)), CONTENT_TYPES.atom);
  return written;
}
