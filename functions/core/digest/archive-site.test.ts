import { describe, expect, it } from 'vitest';
import { harbourStory, hostileStory, issueRun, libraryStory, madeUpIssue } from '../../../tests/support/made-up-issues.ts';
import type { ArchiveStore } from '../../ports.ts';
import { addToManifest, type ArchiveManifest, type Issue } from './issue.ts';
import { indexPageCount, indexPagePath } from './links.ts';
import { CONTENT_TYPES, publishIssue, readManifest } from './publish.ts';
import { TEMPLATE_NAMES, type Templates } from './render.ts';
import { parseSearchIndex } from './search-index.ts';
import { feedView, indexPageView, issuePageView, neighboursOf, xmlChars, type SiteInfo } from './views.ts';

const site: SiteInfo = { digestTitle: 'Morning Facts', siteUrl: 'https://digest.example.org/news/' };
const manifestOf = (issues: Issue[]): ArchiveManifest => issues.reduce((m, issue) => addToManifest(m, issue), { issues: [] } as ArchiveManifest);

describe('index pagination', () => {
  it('names the first page index.html and the older ones page-N.html', () => {
    expect([1, 2, 3].map(indexPagePath)).toEqual(['index.html', 'page-2.html', 'page-3.html']);
    expect([0, 1, 20, 21, 40, 41].map(indexPageCount)).toEqual([1, 1, 1, 2, 2, 3]);
  });

  it('keeps 20 issues on one page without pagination', () => {
    const view = indexPageView(manifestOf(issueRun(20)), site);
    expect(view.issues).toHaveLength(20);
    expect(view.hasPagination).toBe(false);
    expect(view.pagination).toBeUndefined();
  });

  it('lists the newest 20 first and continues on page 2, with links both ways', () => {
    const manifest = manifestOf(issueRun(45));
    const first = indexPageView(manifest, site, 1);
    const second = indexPageView(manifest, site, 2);
    const last = indexPageView(manifest, site, 3);
    expect(first.issues.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => 45 - i));
    expect(second.issues[0]?.number).toBe(25);
    expect(last.issues.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
    expect(first.pagination).toMatchObject({ olderHref: 'page-2.html' });
    expect(first.pagination?.newerHref).toBeUndefined();
    expect(second.pagination).toMatchObject({ newerHref: 'index.html', olderHref: 'page-3.html' });
    expect(last.pagination?.olderHref).toBeUndefined();
    expect(second.pagination?.pages).toEqual([
      { number: 1, href: 'index.html', isCurrent: false },
      { number: 2, href: 'page-2.html', isCurrent: true },
      { number: 3, href: 'page-3.html', isCurrent: false },
    ]);
    expect(second.pageTitle).toBe('Older issues, page 2 of 3');
    expect(second.issueCount).toBe('45 issues');
  });

  it('lists the stories after the headline without repeating it', () => {
    const view = indexPageView(manifestOf([madeUpIssue(1, '2026-11-27T06:00:00Z', [harbourStory, libraryStory]), madeUpIssue(2, '2026-11-28T06:00:00Z', [libraryStory])]), site);
    expect(view.issues.map((i) => [i.headline, i.otherStories, i.hasOtherStories])).toEqual([
      [libraryStory.title, [], false],
      [harbourStory.title, [libraryStory.title], true],
    ]);
  });

  it('refuses a page the archive does not have', () => {
    expect(() => indexPageView(manifestOf(issueRun(3)), site, 2)).toThrow(RangeError);
  });

  it('gives the subscribe form an absolute action and keeps page links relative', () => {
    const view = indexPageView(manifestOf(issueRun(1)), site);
    expect(view.apiBase).toBe('https://digest.example.org/news/');
    expect(view.issues[0]?.href).toBe('issues/1/index.html');
    expect(view.scriptHref).toBe('search.js');
    expect(view.searchIndexHref).toBe('search-index.js');
  });
});

describe('issuePageView', () => {
  const issue = madeUpIssue(7, '2026-11-27T06:00:00Z', [harbourStory, libraryStory]);

  it('makes each key sentence the anchor its links land on', () => {
    const story = issuePageView(issue, site).stories[0];
    expect(story?.summary.map((s) => s.id)).toEqual(['story-1-s0', 'story-1-s2', 'story-1-s4']);
    expect(story?.summary.every((s) => s.href === `#${s.id}`)).toBe(true);
  });

  it('carries every sentence a fact cites that is not a key sentence, so every fact link has a target', () => {
    const view = issuePageView(issue, site);
    for (const story of view.stories) {
      const anchors = new Set([...story.summary.map((s) => s.id), ...story.citedSentences.map((s) => s.id)]);
      const targets = story.factGroups.flatMap((g) => g.items.map((item) => item.href.slice(1)));
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(anchors).toContain(target);
    }
    expect(view.stories[0]?.citedSentences).toEqual([
      { id: 'story-1-s1', text: harbourStory.sentences[1] },
      { id: 'story-1-s3', text: harbourStory.sentences[3] },
      { id: 'story-1-s5', text: harbourStory.sentences[5] },
    ]);
  });

  it('does not cite sentences no fact points to', () => {
    const story = issuePageView(madeUpIssue(1, '2026-11-27T06:00:00Z', [{ ...libraryStory, people: [], quantities: [], places: [] }]), site).stories[0];
    expect(story?.hasCitedSentences).toBe(false);
    expect(story?.citedSentences).toEqual([]);
  });

  it('drops links that are not http(s) but keeps the source named', () => {
    const story = issuePageView(madeUpIssue(1, '2026-11-27T06:00:00Z', [hostileStory]), site).stories[0];
    expect(story?.url).toBeUndefined();
    expect(story?.source).toBe(hostileStory.source);
  });

  it('links to the older and newer issue when there are some', () => {
    const manifest = manifestOf(issueRun(3));
    expect(neighboursOf(manifest, 2)).toEqual({ older: 1, newer: 3 });
    expect(neighboursOf(manifest, 3)).toEqual({ older: 2 });
    expect(neighboursOf(manifest, 9)).toEqual({});
    const view = issuePageView(issue, site, '', { older: 6 });
    expect(view.older).toEqual({ number: 6, href: '../6/index.html' });
    expect(view.newer).toBeUndefined();
    expect(view.hasNeighbours).toBe(true);
    expect(issuePageView(issue, site).hasNeighbours).toBe(false);
  });

  it('points the page to its canonical URL, its script and the subscription API', () => {
    const view = issuePageView(issue, site);
    expect(view.pageUrl).toBe('https://digest.example.org/news/issues/7/index.html');
    expect(view.apiBase).toBe(site.siteUrl);
    expect(view.scriptHref).toBe('../../site.js');
  });
});

describe('feedView', () => {
  it('removes the characters XML cannot carry at all and keeps every other one', () => {
    expect(xmlChars('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef');
    expect(xmlChars('tab\tnew\nline\r ü 😀 <&>')).toBe('tab\tnew\nline\r ü 😀 <&>');
    expect(xmlChars('lone \uD83D and \uDE00')).toBe('lone  and ');
  });

  it('is updated when its latest entry was, even an older issue published again', () => {
    const newest = madeUpIssue(2, '2026-11-27T06:00:00Z', [libraryStory]);
    const republished = madeUpIssue(1, '2026-11-28T09:30:00Z', [harbourStory]);
    expect(feedView(site, [{ issue: newest, contentHtml: '' }, { issue: republished, contentHtml: '' }]).updated).toBe('2026-11-28T09:30:00.000Z');
    expect(feedView(site, []).updated).toBe('1970-01-01T00:00:00.000Z');
  });

  it('cleans titles and content of entries', () => {
    const issue = madeUpIssue(1, '2026-11-27T06:00:00Z', [{ ...libraryStory, title: 'Bell\u0007 rings' }]);
    const view = feedView(site, [{ issue, contentHtml: '<p>x\u0001y</p>' }]);
    expect(view.entries[0]).toMatchObject({
      id: 'https://digest.example.org/news/issues/1/index.html',
      title: '#1: Bell rings',
      contentHtml: '<p>xy</p>',
      updated: '2026-11-27T06:00:00.000Z',
    });
  });
});

class MemoryArchive implements ArchiveStore {
  readonly objects = new Map<string, { body: string; type: string }>();
  readonly puts: string[] = [];
  async put(key: string, body: string, type: string) {
    this.objects.set(key, { body, type });
    this.puts.push(key);
  }
  async get(key: string) {
    return this.objects.get(key)?.body;
  }
}

// Tiny templates that expose what publish hands them; the real templates have golden tests of their own.
const templates: Templates = {
  ...(Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, ''])) as Templates),
  'issue.html': '#{{number}} older={{older.number}} newer={{newer.number}}',
  'index.html': 'page {{page}}/{{pageCount}}:{{#issues}} {{number}}{{/issues}}',
  'feed.xml': '{{#entries}}{{title}}|{{/entries}}',
  'site.js': '/* the site script */',
  'search.js': '/* the search script */',
};

async function publishAll(archive: MemoryArchive, issues: Issue[]) {
  for (const issue of issues) await publishIssue(issue, await readManifest(archive), archive, templates, site);
}

describe('publishIssue', () => {
  it('writes one index page per 20 issues, newest first', async () => {
    const archive = new MemoryArchive();
    await publishAll(archive, issueRun(41));
    expect(archive.objects.get('index.html')?.body).toBe(`page 1/3: ${Array.from({ length: 20 }, (_, i) => 41 - i).join(' ')}`);
    expect(archive.objects.get('page-2.html')?.body).toMatch(/^page 2\/3: 21 20 /);
    expect(archive.objects.get('page-3.html')?.body).toBe('page 3/3: 1');
    expect(archive.objects.get('page-3.html')?.type).toBe(CONTENT_TYPES.html);
  });

  it('gives the previous newest issue its link to the new one', async () => {
    const archive = new MemoryArchive();
    await publishAll(archive, issueRun(2));
    expect(archive.objects.get('issues/1/index.html')?.body).toBe('#1 older= newer=2');
    expect(archive.objects.get('issues/2/index.html')?.body).toBe('#2 older=1 newer=');
    await publishAll(archive, [madeUpIssue(3, '2026-12-01T06:00:00Z', [libraryStory])]);
    expect(archive.objects.get('issues/2/index.html')?.body).toBe('#2 older=1 newer=3');
  });

  it('writes the search index as data and as a script, and copies the scripts of the pages', async () => {
    const archive = new MemoryArchive();
    await publishAll(archive, [madeUpIssue(1, '2026-11-27T06:00:00Z', [harbourStory]), madeUpIssue(2, '2026-11-28T06:00:00Z', [libraryStory])]);
    const data = parseSearchIndex(archive.objects.get('search-index.json')?.body);
    expect(data?.issues.map((e) => e.stories[0]?.people)).toEqual([['Tomás Řezníček'], ['Ingrid Solberg']]);
    expect(archive.objects.get('search-index.js')?.body).toContain('Ingrid Solberg');
    expect(archive.objects.get('search-index.js')?.type).toBe(CONTENT_TYPES.js);
    expect(archive.objects.get('site.js')).toEqual({ body: '/* the site script */', type: CONTENT_TYPES.js });
    expect(archive.objects.get('search.js')).toEqual({ body: '/* the search script */', type: CONTENT_TYPES.js });
  });

  it('carries the newest 20 issues in the feed, newest first', async () => {
    const archive = new MemoryArchive();
    await publishAll(archive, issueRun(22));
    const titles = archive.objects.get('feed.xml')?.body.split('|').filter(Boolean) ?? [];
    expect(titles).toHaveLength(20);
    expect(titles[0]).toMatch(/^#22: /);
    expect(titles[19]).toMatch(/^#3: /);
  });
});
