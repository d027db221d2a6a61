/** Only http(s) links are ever rendered: anything else an article brings (javascript:, data:, file:) is dropped. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A short label for where a story came from: the host of a URL, or the file name of a path. */
export function sourceLabel(source: string, url?: string): string {
  const link = safeHttpUrl(url ?? source);
  if (link) return new URL(link).hostname.replace(/^www\./, '');
  return source.split(/[\\/]/).filter(Boolean).pop() ?? source;
}

/** Path of an issue's permalink page, relative to the archive root. */
export const issuePagePath = (issueNumber: number) => `issues/${issueNumber}/index.html`;
/** Key of an issue's data, relative to the archive root. */
export const issueDataPath = (issueNumber: number) => `issues/${issueNumber}/issue.json`;

/** Issues listed on one index page; older issues continue on page-2.html, page-3.html, … */
export const ISSUES_PER_INDEX_PAGE = 20;

/** Path of index page `page` (1-based), relative to the archive root: the first page is the archive's front door. */
export const indexPagePath = (page: number) => (page <= 1 ? 'index.html' : `page-${page}.html`);

/** How many index pages an archive of `issueCount` issues needs (at least one, which says "no issues yet"). */
export const indexPageCount = (issueCount: number) => Math.max(1, Math.ceil(issueCount / ISSUES_PER_INDEX_PAGE));
