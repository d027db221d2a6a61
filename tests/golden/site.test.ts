/**
 * Golden files for the archive site's templates, kept as mustache.js keeps its spec cases: per case a view model
 * (`<case>.view.json`), the template it goes through, and the expected output (`<case>.expected.*`).
 *
 * `UPDATE_GOLDEN=1 npx vitest run tests/golden/site.test.ts` rewrites the files after an intended change;
 * review the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../functions/adapters/templates.ts';
import { addToManifest, type ArchiveManifest } from '../../functions/core/digest/issue.ts';
import { issuePagePath } from '../../functions/core/digest/links.ts';
import { render, type TemplateName, type Templates } from '../../functions/core/digest/render.ts';
import { feedView, indexPageView, issuePageView, type SiteInfo } from '../../functions/core/digest/views.ts';
import { harbourStory, hostileStory, issueRun, libraryStory, longWordStory, madeUpIssue } from '../support/made-up-issues.ts';

const DIR = join(import.meta.dirname, 'site');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const site: SiteInfo = { digestTitle: 'Morning Facts', siteUrl: 'https://digest.example.org/' };

const harbourIssue = madeUpIssue(22, '2026-11-27T06:00:00Z', [harbourStory, libraryStory, longWordStory]);
const hostileIssue = madeUpIssue(23, '2026-11-28T06:00:00Z', [hostileStory, harbourStory]);
const manifest = [...issueRun(21), harbourIssue, hostileIssue].reduce((m, issue) => addToManifest(m, issue), { issues: [] } as ArchiveManifest);
const feedLinkBase = (n: number) => `${site.siteUrl}${issuePagePath(n)}`;

/** The cases: which template, and the view model the core builds for it. */
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

const extension = (template: TemplateName) => template.slice(template.lastIndexOf('.'));
const viewFile = (name: string) => join(DIR, `${name}.view.json`);
const expectedFile = (name: string, template: TemplateName) => join(DIR, `${name}.expected${extension(template)}`);

let templates: Templates;
beforeAll(async () => {
  templates = await loadTemplates();
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    for (const c of cases) {
      const view = JSON.parse(JSON.stringify(c.view())) as object;
      writeFileSync(viewFile(c.name), `${JSON.stringify(view, null, 2)}\n`);
      writeFileSync(expectedFile(c.name, c.template), render(templates, c.template, view));
    }
  }
});

describe.each(cases)('golden: $name ($template)', ({ name, template, view }) => {
  it('renders the stored view model to the expected output', () => {
    expect(existsSync(viewFile(name)), `${viewFile(name)} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    const stored = JSON.parse(readFileSync(viewFile(name), 'utf8')) as object;
    expect(render(templates, template, stored)).toBe(readFileSync(expectedFile(name, template), 'utf8'));
  });

  it('is still the view model the core builds', () => {
    const stored = JSON.parse(readFileSync(viewFile(name), 'utf8')) as object;
    expect(JSON.parse(JSON.stringify(view()))).toEqual(stored);
  });
});
