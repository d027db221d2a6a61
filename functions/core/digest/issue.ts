/** An issue of the digest: numbered, dated, its stories in order, with their facts. */
import type { ArticleFacts } from '../facts/types.ts';
import type { Article } from '../model.ts';

export interface Story {
  articleId: string;
  source: string;
  /** http(s) link to the original article. */
  url?: string;
  title: string;
  publishedAt?: string;
  facts: ArticleFacts;
}

export interface IssueStats {
  articles: number;
  words: number;
  people: number;
  places: number;
  organizations: number;
}

export interface Issue {
  number: number;
  /** ISO timestamp of publication. */
  publishedAt: string;
  /** The digest's name. */
  digestTitle: string;
  /** The top story's title, used in the subject line and the index. */
  headline: string;
  stories: Story[];
  stats: IssueStats;
}

/** One line per published issue in `issues.json`, newest first; enough to render the index. */
export interface IssueSummary {
  number: number;
  publishedAt: string;
  headline: string;
  storyTitles: string[];
}

export interface ArchiveManifest {
  issues: IssueSummary[];
}

export function buildIssue(
  number: number,
  publishedAt: Date,
  digestTitle: string,
  items: ReadonlyArray<{ article: Article; facts: ArticleFacts }>,
): Issue {
  const stories: Story[] = items.map(({ article, facts }) => ({
    articleId: article.id,
    source: article.source,
    ...(article.url ? { url: article.url } : {}),
    title: facts.title,
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    facts,
  }));
  const sum = (pick: (facts: ArticleFacts) => number) => stories.reduce((total, story) => total + pick(story.facts), 0);
  return {
    number,
    publishedAt: publishedAt.toISOString(),
    digestTitle,
    headline: stories[0]?.title ?? digestTitle,
    stories,
    stats: {
      articles: stories.length,
      words: sum((f) => f.wordCount),
      people: sum((f) => f.people.length),
      places: sum((f) => f.places.length),
      organizations: sum((f) => f.organizations.length),
    },
  };
}

export function summarizeIssue(issue: Issue): IssueSummary {
  return {
    number: issue.number,
    publishedAt: issue.publishedAt,
    headline: issue.headline,
    storyTitles: issue.stories.map((story) => story.title),
  };
}

/** The manifest with `issue` added (or replaced, when the same number is published again), newest first. */
export function addToManifest(manifest: ArchiveManifest, issue: Issue): ArchiveManifest {
  const others = manifest.issues.filter((entry) => entry.number !== issue.number);
  return { issues: [summarizeIssue(issue), ...others].sort((a, b) => b.number - a.number) };
}

export function nextIssueNumber(manifest: ArchiveManifest): number {
  return manifest.issues.reduce((max, entry) => Math.max(max, entry.number), 0) + 1;
}
