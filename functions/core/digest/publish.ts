/** Publishing: the issue's page and data, then the index and the feed that list it. */
import type { ArchiveStore } from '../../ports.ts';
import { addToManifest, type ArchiveManifest, type Issue } from './issue.ts';
import { issueDataPath, issuePagePath } from './links.ts';
import { render, type Templates } from './render.ts';
import { feedView, indexPageView, issuePageView, type SiteInfo } from './views.ts';

export const MANIFEST_KEY = 'issues.json';
/** Issues carried in full in the Atom feed. */
const FEED_ISSUES = 20;

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
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

/** Writes issue N and refreshes index and feed. Returns the archive keys written. */
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
  await put(issueDataPath(issue.number), `${JSON.stringify(issue, null, 2)}\n`, CONTENT_TYPES.json);
  await put(issuePagePath(issue.number), render(templates, 'issue.html', issuePageView(issue, site)), CONTENT_TYPES.html);
  await put(MANIFEST_KEY, `${JSON.stringify(updated, null, 2)}\n`, CONTENT_TYPES.json);
  await put('index.html', render(templates, 'index.html', indexPageView(updated, site)), CONTENT_TYPES.html);
  const feedIssues: Issue[] = [issue];
  for (const entry of updated.issues.filter((e) => e.number !== issue.number).slice(0, FEED_ISSUES - 1)) {
    const older = await readIssue(archive, entry.number);
    if (older) feedIssues.push(older);
  }
  const rendered = feedIssues.map((item) => ({
    issue: item,
    contentHtml: render(templates, 'feed-entry.html', issuePageView(item, site, `${site.siteUrl}${issuePagePath(item.number)}`)),
  }));
  await put('feed.xml', render(templates, 'feed.xml', feedView(site, rendered)), CONTENT_TYPES.atom);
  return written;
}
