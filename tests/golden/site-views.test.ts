/**
 * The golden cases of the archive site's templates (issue page, index pages, feed, feed entry) live with the
 * others under cases/ and are rendered by golden.test.ts. Their view models come from made-up issues through
 * the core's view functions; this test keeps each stored view equal to what the core builds today, so a case
 * cannot drift from the real view models while its template still matches it.
 *
 * After an intended change: `UPDATE_GOLDEN=1 npx vitest run tests/golden/site-views.test.ts` rewrites these
 * cases (view and expected output); review the diff before committing it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../functions/adapters/templates.ts';
import { addToManifest, type ArchiveManifest } from '../../functions/core/digest/issue.ts';
import { issuePagePath } from '../../functions/core/digest/links.ts';
import { render, type TemplateName } from '../../functions/core/digest/render.ts';
import { feedView, indexPageView, issuePageView, type SiteInfo } from '../../functions/core/digest/views.ts';
import { harbourStory, hostileStory, issueRun, libraryStory, longWordStory, madeUpIssue } from '../support/made-up-issues.ts';

const casesDir = join(import.meta.dirname, 'cases');
const site: SiteInfo = { digestTitle: 'Morning Facts', siteUrl: 'https://digest.example.org/' };

const harbourIssue = madeUpIssue(22, '2026-11-27T06:00:00Z', [harbourStory, libraryStory, longWordStory]);
const hostileIssue = madeUpIssue(23, '2026-11-28T06:00:00Z', [hostileStory, harbourStory]);
const manifest = [...issueRun(21), harbourIssue, hostileIssue].reduce((m, issue) => addToManifest(m, issue), { issues: [] } as ArchiveManifest);
const feedLinkBase = (n: number) => `${site.siteUrl}${issuePagePath(n)}`;

const cases: { name: string; template: TemplateName; view: () => object }[] = [
  { name: 'issue-page', template: 'issue.html', view: () => issuePageView(harbourIssue, site, '', { older: 21, newer: 23 }) },
  { name: 'issue-page-hostile', template: 'issue.html', view: () => issuePageView(hostileIssue, site, '', { older: 22 }) },
  { name: 'index-first-page', template: 'index.html', view: () => indexPageView(manifest, site, 1) },
  { name: 'index-second-page', template: 'index.html', view: () => indexPageView(manifest, site, 2) },
  { name: 'index-empty', template: 'index.html', view: () => indexPageView({ issues: [] }, site) },
  { name: 'feed-entry', template: 'feed-entry.html', view: () => issuePageView(hostileIssue, site, feedLinkBase(23)) },
  {
    name: 'feed',
    template: 'feed.xml',
    view: () =>
      feedView(site, [
        { issue: hostileIssue, contentHtml: '<h2>One &amp; <b>two</b></h2>\u0001' },
        { issue: harbourIssue, contentHtml: '<p>Harbour</p>' },
      ]),
  },
];

const plain = (value: object) => JSON.parse(JSON.stringify(value)) as object;

if (process.env.UPDATE_GOLDEN === '1') {
  const templates = await loadTemplates();
  for (const { name, template, view } of cases) {
    const dir = join(casesDir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'case.json'), `${JSON.stringify({ template, view: plain(view()) }, null, 2)}\n`);
    writeFileSync(join(dir, `expected.${template.split('.').pop()}`), render(templates, template, plain(view())));
  }
}

describe('golden cases of the archive site', () => {
  it.each(cases)('$name holds the view model the core builds for $template', ({ name, template, view }) => {
    const stored = JSON.parse(readFileSync(join(casesDir, name, 'case.json'), 'utf8')) as { template: string; view: object };
    expect(stored.template).toBe(template);
    expect(stored.view).toEqual(plain(view()));
  });
});
