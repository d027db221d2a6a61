/**
 * View models: everything the logic-less templates render, computed here. Strings stay raw;
 * mustache escapes them for HTML and XML (`{{…}}`), and the plain-text mail uses `{{{…}}}`.
 */
import type { DateFact, EntityFact, PersonFact, QuantityFact } from '../facts/types.ts';
import type { ArchiveManifest, Issue, Story } from './issue.ts';
import { issuePagePath, safeHttpUrl, sourceLabel } from './links.ts';

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
  summary: { text: string; href: string }[];
  factGroups: FactGroupView[];
  hasFacts: boolean;
  sentences: { id: string; text: string; isKey: boolean }[];
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
      inline: group.items.map((item) => (item.detail ? `${item.text} (${item.detail})` : item.text)).join(', '),
    }));
  const keyIndexes = new Set(facts.summaryIndexes);
  const url = safeHttpUrl(story.url);
  return {
    anchor,
    position,
    title: story.title,
    ...(url ? { url } : {}),
    source: sourceLabel(story.source, url),
    summary: facts.summary.map((text, i) => ({ text, href: `${base}#${sentenceId(facts.summaryIndexes[i] ?? 0)}` })),
    factGroups: groups,
    hasFacts: groups.length > 0,
    sentences: facts.sentences.map((text, index) => ({ id: sentenceId(index), text, isKey: keyIndexes.has(index) })),
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
}

/** `linkBase` prefixes in-page fact links: "" on the page itself, the page's absolute URL in the feed. */
export function issuePageView(issue: Issue, site: SiteInfo, linkBase = ''): IssuePageView {
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
  };
}

export interface IndexPageView {
  digestTitle: string;
  feedHref: string;
  issues: { number: number; href: string; date: string; isoDate: string; headline: string; storyTitles: string[]; storyCount: string }[];
  hasIssues: boolean;
}

export function indexPageView(manifest: ArchiveManifest, site: SiteInfo): IndexPageView {
  return {
    digestTitle: site.digestTitle,
    feedHref: 'feed.xml',
    issues: manifest.issues.map((entry) => ({
      number: entry.number,
      href: issuePagePath(entry.number),
      date: formatDate(entry.publishedAt),
      isoDate: entry.publishedAt,
      headline: entry.headline,
      storyTitles: entry.storyTitles,
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
  const newest = renderedIssues[0]?.issue.publishedAt ?? new Date(0).toISOString();
  return {
    digestTitle: site.digestTitle,
    feedUrl: `${site.siteUrl}feed.xml`,
    siteUrl: site.siteUrl,
    updated: newest,
    entries: renderedIssues.map(({ issue, contentHtml }) => {
      const url = `${site.siteUrl}${issuePagePath(issue.number)}`;
      return {
        id: url,
        url,
        title: `#${issue.number}: ${issue.headline}`,
        updated: issue.publishedAt,
        contentHtml,
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

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

