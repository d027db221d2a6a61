/**
 * View models: everything the logic-less templates render, computed here. Strings stay raw;
 * mustache escapes them for HTML and XML (`{{…}}`), and the plain-text mail uses `{{{…}}}`.
 */
import type { DateFact, EntityFact, PersonFact, QuantityFact } from '../facts/types.ts';
import type { ArchiveManifest, Issue, Story } from './issue.ts';
import { indexPageCount, indexPagePath, ISSUES_PER_INDEX_PAGE, issuePagePath, safeHttpUrl, sourceLabel } from './links.ts';

export interface SiteInfo {
  digestTitle: string;
  /** Absolute, ends with "/". */
  siteUrl: string;
}

interface FactView {
  text: string;
  detail?: string;
  href: string;
  sentence: string;
  /** For separators in templates that list facts inline. */
  isLast: boolean;
}

interface FactGroupView {
  label: string;
  items: FactView[];
  /** "Xi Jinping (President of China), Vladimir Putin" for mail and feed. */
  inline: string;
}

export interface StoryView {
  anchor: string;
  position: number;
  title: string;
  url?: string;
  source: string;
  /** `id` is the anchor of the key sentence itself, so links to it land on the summary line. */
  summary: { text: string; href: string; id: string }[];
  factGroups: FactGroupView[];
  hasFacts: boolean;
  sentences: { id: string; text: string; isKey: boolean }[];
  /** The sentences facts point to that are not key sentences, in article order: the rest of each fact's provenance. */
  citedSentences: { id: string; text: string }[];
  hasCitedSentences: boolean;
}

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

/** `base` is what goes before "#anchor" in fact links: "" on the issue page, the page URL in mail and feed. */
function storyView(story: Story, position: number, base: string): StoryView {
  const anchor = `story-${position}`;
  const facts = story.facts;
  const sentenceId = (index: number) => `${anchor}-s${index}`;
  const fact = (text: string, index: number, detail?: string): FactView => ({
    text,
    ...(detail ? { detail } : {}),
    href: `${base}#${sentenceId(index)}`,
    sentence: facts.sentences[index] ?? '',
    isLast: false,
  });
  const entities = (list: EntityFact[]) => list.map((e) => fact(e.name, e.firstSentence));
  const groups: FactGroupView[] = [
    { label: 'People', items: facts.people.map((p: PersonFact) => fact(p.name, p.firstSentence, p.role)) },
    { label: 'Places', items: entities(facts.places) },
    { label: 'Organisations', items: entities(facts.organizations) },
    { label: 'Dates', items: facts.dates.map((d: DateFact) => fact(d.text, d.sentence)) },
    { label: 'Numbers', items: facts.quantities.map((q: QuantityFact) => fact(q.text, q.sentence)) },
  ]
    .filter((group) => group.items.length > 0)
    .map((group) => ({
      ...group,
      items: group.items.map((item, i) => ({ ...item, isLast: i === group.items.length - 1 })),
      inline: group.items.map((item) => (item.detail ? `${item.text} (${item.detail})` : item.text)).join(', '),
    }));
  const keyIndexes = new Set(facts.summaryIndexes);
  const citedIndexes = new Set(
    [
      ...facts.people.map((p) => p.firstSentence),
      ...facts.places.map((p) => p.firstSentence),
      ...facts.organizations.map((o) => o.firstSentence),
      ...facts.dates.map((d) => d.sentence),
      ...facts.quantities.map((q) => q.sentence),
    ].filter((index) => !keyIndexes.has(index) && facts.sentences[index] !== undefined),
  );
  const citedSentences = [...citedIndexes].sort((a, b) => a - b).map((index) => ({ id: sentenceId(index), text: facts.sentences[index] ?? '' }));
  const url = safeHttpUrl(story.url);
  return {
    anchor,
    position,
    title: story.title,
    ...(url ? { url } : {}),
    source: sourceLabel(story.source, url),
    summary: facts.summary.map((text, i) => {
      const id = sentenceId(facts.summaryIndexes[i] ?? 0);
      return { text, href: `${base}#${id}`, id };
    }),
    factGroups: groups,
    hasFacts: groups.length > 0,
    sentences: facts.sentences.map((text, index) => ({ id: sentenceId(index), text, isKey: keyIndexes.has(index) })),
    citedSentences,
    hasCitedSentences: citedSentences.length > 0,
  };
}

export interface IssuePageView {
  digestTitle: string;
  number: number;
  date: string;
  isoDate: string;
  headline: string;
  stories: StoryView[];
  storyCount: string;
  indexHref: string;
  feedHref: string;
  /** The page's absolute URL (canonical link). */
  pageUrl: string;
  /** Absolute base of the subscription API: pages are opened from disk too, where a relative form action would go nowhere. */
  apiBase: string;
  scriptHref: string;
  older?: IssueLinkView;
  newer?: IssueLinkView;
  hasNeighbours: boolean;
}

export interface IssueLinkView {
  number: number;
  href: string;
}

/** The issues published just before and after this one, for the links between permalink pages. */
export interface IssueNeighbours {
  older?: number;
  newer?: number;
}

/** The neighbours of issue `issueNumber` in the manifest (newest first). */
export function neighboursOf(manifest: ArchiveManifest, issueNumber: number): IssueNeighbours {
  const at = manifest.issues.findIndex((entry) => entry.number === issueNumber);
  if (at < 0) return {};
  const newer = manifest.issues[at - 1]?.number;
  const older = manifest.issues[at + 1]?.number;
  return { ...(older !== undefined ? { older } : {}), ...(newer !== undefined ? { newer } : {}) };
}

/** Link from one issue page to another: both live at issues/N/index.html. */
const siblingIssue = (issueNumber: number): IssueLinkView => ({ number: issueNumber, href: `../${issueNumber}/index.html` });

/** `linkBase` prefixes in-page fact links: "" on the page itself, the page's absolute URL in the feed. */
export function issuePageView(issue: Issue, site: SiteInfo, linkBase = '', neighbours: IssueNeighbours = {}): IssuePageView {
  return {
    digestTitle: site.digestTitle,
    number: issue.number,
    date: formatDate(issue.publishedAt),
    isoDate: issue.publishedAt,
    headline: issue.headline,
    stories: issue.stories.map((story, i) => storyView(story, i + 1, linkBase)),
    storyCount: plural(issue.stories.length, 'story', 'stories'),
    indexHref: '../../index.html',
    feedHref: '../../feed.xml',
    pageUrl: `${site.siteUrl}${issuePagePath(issue.number)}`,
    apiBase: site.siteUrl,
    scriptHref: `../../${SITE_SCRIPT_KEY}`,
    ...(neighbours.older !== undefined ? { older: siblingIssue(neighbours.older) } : {}),
    ...(neighbours.newer !== undefined ? { newer: siblingIssue(neighbours.newer) } : {}),
    hasNeighbours: neighbours.older !== undefined || neighbours.newer !== undefined,
  };
}

/** The issue pages' small script (opens the collapsed sentence a fact link jumps to). */
export const SITE_SCRIPT_KEY = 'site.js';
/** The index pages' search, and the search data it loads on demand. */
export const SEARCH_UI_SCRIPT_KEY = 'search.js';
export const SEARCH_SCRIPT_KEY = 'search-index.js';

export interface IndexPageView {
  digestTitle: string;
  feedHref: string;
  issues: {
    number: number;
    href: string;
    date: string;
    isoDate: string;
    headline: string;
    storyTitles: string[];
    /** The titles after the headline's own story, so the index does not repeat the headline. */
    otherStories: string[];
    hasOtherStories: boolean;
    storyCount: string;
  }[];
  hasIssues: boolean;
  /** "All issues" on the first page, "Older issues, page 2 of 3" after it. */
  pageTitle: string;
  page: number;
  pageCount: number;
  isFirstPage: boolean;
  issueCount: string;
  pagination?: PaginationView;
  hasPagination: boolean;
  pageUrl: string;
  apiBase: string;
  scriptHref: string;
  searchIndexHref: string;
}

export interface PaginationView {
  newerHref?: string;
  olderHref?: string;
  pages: { number: number; href: string; isCurrent: boolean }[];
}

/** Index page `page` (1-based) of the archive: ISSUES_PER_INDEX_PAGE issues, newest first. */
export function indexPageView(manifest: ArchiveManifest, site: SiteInfo, page = 1): IndexPageView {
  const pageCount = indexPageCount(manifest.issues.length);
  if (!Number.isInteger(page) || page < 1 || page > pageCount) {
    throw new RangeError(`index page ${page} does not exist (the archive has ${pageCount})`);
  }
  const onPage = manifest.issues.slice((page - 1) * ISSUES_PER_INDEX_PAGE, page * ISSUES_PER_INDEX_PAGE);
  const pagination: PaginationView = {
    ...(page > 1 ? { newerHref: indexPagePath(page - 1) } : {}),
    ...(page < pageCount ? { olderHref: indexPagePath(page + 1) } : {}),
    pages: Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, href: indexPagePath(i + 1), isCurrent: i + 1 === page })),
  };
  return {
    digestTitle: site.digestTitle,
    feedHref: 'feed.xml',
    pageTitle: page === 1 ? 'All issues' : `Older issues, page ${page} of ${pageCount}`,
    page,
    pageCount,
    isFirstPage: page === 1,
    issueCount: plural(manifest.issues.length, 'issue', 'issues'),
    ...(pageCount > 1 ? { pagination } : {}),
    hasPagination: pageCount > 1,
    pageUrl: `${site.siteUrl}${indexPagePath(page)}`,
    apiBase: site.siteUrl,
    scriptHref: SEARCH_UI_SCRIPT_KEY,
    searchIndexHref: SEARCH_SCRIPT_KEY,
    issues: onPage.map((entry) => ({
      number: entry.number,
      href: issuePagePath(entry.number),
      date: formatDate(entry.publishedAt),
      isoDate: entry.publishedAt,
      headline: entry.headline,
      storyTitles: entry.storyTitles,
      otherStories: entry.storyTitles.slice(1),
      hasOtherStories: entry.storyTitles.length > 1,
      storyCount: plural(entry.storyTitles.length, 'story', 'stories'),
    })),
    hasIssues: manifest.issues.length > 0,
  };
}

export interface FeedView {
  digestTitle: string;
  feedUrl: string;
  siteUrl: string;
  updated: string;
  entries: { id: string; url: string; title: string; updated: string; contentHtml: string }[];
}

/** `renderedIssues`: the newest issues with the HTML of their content, newest first. */
export function feedView(site: SiteInfo, renderedIssues: { issue: Issue; contentHtml: string }[]): FeedView {
  // The feed changed when its latest entry did: usually the newest issue, but an older one may be published again.
  const newest = renderedIssues.map(({ issue }) => issue.publishedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), new Date(0).toISOString());
  return {
    digestTitle: xmlChars(site.digestTitle),
    feedUrl: `${site.siteUrl}feed.xml`,
    siteUrl: site.siteUrl,
    updated: newest,
    entries: renderedIssues.map(({ issue, contentHtml }) => {
      const url = `${site.siteUrl}${issuePagePath(issue.number)}`;
      return {
        id: url,
        url,
        title: xmlChars(`#${issue.number}: ${issue.headline}`),
        updated: issue.publishedAt,
        contentHtml: xmlChars(contentHtml),
      };
    }),
  };
}

export interface MailView {
  digestTitle: string;
  number: number;
  date: string;
  headline: string;
  preheader: string;
  viewUrl: string;
  archiveUrl: string;
  unsubscribeUrl: string;
  stories: StoryView[];
}

export interface MailLinks {
  unsubscribeUrl: string;
}

export function mailView(issue: Issue, site: SiteInfo, links: MailLinks): MailView {
  const viewUrl = `${site.siteUrl}${issuePagePath(issue.number)}`;
  const stories = issue.stories.map((story, i) => storyView(story, i + 1, viewUrl));
  return {
    digestTitle: site.digestTitle,
    number: issue.number,
    date: formatDate(issue.publishedAt),
    headline: issue.headline,
    preheader: issue.stories[0]?.facts.summary[0] ?? issue.headline,
    viewUrl,
    archiveUrl: site.siteUrl,
    unsubscribeUrl: links.unsubscribeUrl,
    stories,
  };
}

export function mailSubject(issue: Issue): string {
  return `${issue.digestTitle} #${issue.number}: ${issue.headline}`;
}

/**
 * Drops the characters XML 1.0 forbids even as references (C0 controls but tab and newlines, lone surrogates,
 * U+FFFE/U+FFFF): escaping does not help there, and one of them from an article would make the whole feed unreadable.
 */
export function xmlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

