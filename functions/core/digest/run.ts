/**
 * One digest run: ingest → facts → issue → render → publish → deliver.
 * Everything outside comes in through the ports, so the same run serves `digest run` and the Lambda.
 */
import type { ArchiveStore, Clock, DocumentReader, Fetcher, Mailer, SeenStore, SendLedger, SubscriberStore } from '../../ports.ts';
import { extractFacts } from '../facts/index.ts';
import type { ArticleFacts } from '../facts/types.ts';
import { ingest, type IngestFailure } from '../ingest/ingest.ts';
import type { Article } from '../model.ts';
import { deliverIssue, type DeliveryReport } from './deliver.ts';
import { buildIssue, nextIssueNumber, type Issue } from './issue.ts';
import { issuePagePath } from './links.ts';
import { publishIssue, readManifest } from './publish.ts';
import type { Templates } from './render.ts';
import type { SiteInfo } from './views.ts';

export interface DigestDeps {
  reader: DocumentReader;
  fetcher: Fetcher;
  archive: ArchiveStore;
  seen: SeenStore;
  subscribers: SubscriberStore;
  ledger: SendLedger;
  mailer: Mailer;
  clock: Clock;
  templates: Templates;
  tokenKey: string;
  onProgress?: (message: string) => void;
}

export interface DigestOptions {
  sources: readonly string[];
  digestTitle: string;
  sender: string;
  siteUrl: string;
  sentences: number;
}

export interface RunSummary {
  status: 'published' | 'nothing-new' | 'no-articles';
  articlesIn: number;
  articlesNew: number;
  /** Articles whose facts could not be extracted, and sources that could not be read. */
  failures: IngestFailure[];
  issue?: Issue;
  issueUrl?: string;
  delivery?: DeliveryReport;
}

export async function runDigest(options: DigestOptions, deps: DigestDeps): Promise<RunSummary> {
  const progress = deps.onProgress ?? (() => {});
  const site: SiteInfo = { digestTitle: options.digestTitle, siteUrl: options.siteUrl };

  progress(`reading ${options.sources.length} source${options.sources.length === 1 ? '' : 's'}`);
  const { articles, failures } = await ingest(options.sources, deps);
  const unseenIds = new Set(await deps.seen.filterUnseen(articles.map((a) => a.id)));
  const fresh = articles.filter((a) => unseenIds.has(a.id));
  const base = { articlesIn: articles.length, articlesNew: fresh.length };
  if (fresh.length === 0) {
    return { status: articles.length > 0 ? 'nothing-new' : 'no-articles', ...base, failures };
  }

  progress(`extracting the key facts of ${fresh.length} new article${fresh.length === 1 ? '' : 's'}`);
  const digested: { article: Article; facts: ArticleFacts }[] = [];
  for (const article of fresh) {
    try {
      digested.push({ article, facts: extractFacts(article, { sentences: options.sentences }) });
    } catch (error) {
      failures.push({ source: article.source, message: error instanceof Error ? error.message : String(error), badInput: false });
    }
  }
  if (digested.length === 0) return { status: 'no-articles', ...base, failures };

  const manifest = await readManifest(deps.archive);
  const issue = buildIssue(nextIssueNumber(manifest), deps.clock.now(), options.digestTitle, digested);
  progress(`publishing issue ${issue.number} (${issue.stories.length} stor${issue.stories.length === 1 ? 'y' : 'ies'})`);
  await publishIssue(issue, manifest, deps.archive, deps.templates, site);
  await deps.seen.markSeen(digested.map(({ article }) => article.id));

  const delivery = await deliverIssue(issue, site, options.sender, deps, (done, total) => {
    if (done === total || done % 100 === 0) progress(`sending: ${done}/${total}`);
  });
  return {
    status: 'published',
    ...base,
    failures,
    issue,
    issueUrl: `${options.siteUrl}${issuePagePath(issue.number)}`,
    delivery,
  };
}
