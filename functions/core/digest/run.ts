/**
 * One digest run: ingest → facts → issue → render → publish → deliver.
 * Everything outside comes in through the ports, so the same run serves `digest run` and the Lambda.
 */
import type { ArchiveStore, Clock, DocumentReader, Fetcher, Mailer, RunLease, SeenStore, SendLedger, SubscriberStore } from '../../ports.ts';
import { extractOrFail } from '../article-facts.ts';
import type { ArticleFacts } from '../facts/types.ts';
import { ingest, type IngestFailure } from '../ingest/ingest.ts';
import type { Article } from '../model.ts';
import { deliverIssue, type DeliveryReport } from './deliver.ts';
import { buildIssue, nextIssueNumber, type Issue } from './issue.ts';
import { issuePagePath } from './links.ts';
import { publishIssue, readIssue, readManifest } from './publish.ts';
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
  lease: RunLease;
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
  /** Names this run in the lease (host, process, invocation id). */
  runId: string;
}

export interface RunSummary {
  /**
   * published: a new issue went out; nothing-new / no-articles: nothing to publish;
   * busy: another run holds the lease and this one did nothing.
   */
  status: 'published' | 'nothing-new' | 'no-articles' | 'busy';
  /** An earlier issue this run finished delivering (a run died while sending it, or some sends failed). */
  resumed?: { issue: Issue; delivery: DeliveryReport };
  articlesIn: number;
  articlesNew: number;
  /** Articles whose facts could not be extracted, and sources that could not be read. */
  failures: IngestFailure[];
  issue?: Issue;
  issueUrl?: string;
  delivery?: DeliveryReport;
}

export async function runDigest(options: DigestOptions, deps: DigestDeps): Promise<RunSummary> {
  if (!(await deps.lease.acquire(options.runId, deps.clock.now()))) {
    return { status: 'busy', articlesIn: 0, articlesNew: 0, failures: [] };
  }
  try {
    const resumed = await resumeUnfinished(options, deps);
    const summary = await publishNew(options, deps);
    return resumed ? { ...summary, resumed } : summary;
  } finally {
    await deps.lease.release(options.runId);
  }
}

const siteOf = (options: DigestOptions): SiteInfo => ({ digestTitle: options.digestTitle, siteUrl: options.siteUrl });

/**
 * A run that died after publishing left its issue unfinished, or some sends failed: publish it
 * again (idempotent), mark its articles seen and deliver to whoever has not got it. An issue that
 * began but was never written to the archive is abandoned; its articles are still unseen, so this
 * run digests them afresh.
 */
async function resumeUnfinished(options: DigestOptions, deps: DigestDeps): Promise<RunSummary['resumed']> {
  const number = await deps.ledger.unfinishedIssue();
  if (number === undefined) return undefined;
  const issue = await readIssue(deps.archive, number);
  if (!issue) {
    await deps.ledger.completeIssue(number, deps.clock.now().toISOString());
    return undefined;
  }
  deps.onProgress?.(`resuming issue ${number}, which an earlier run left unfinished`);
  return { issue, delivery: await finishIssue(issue, options, deps) };
}

/** Publish, remember the articles, deliver, and record the issue as complete: each step safe to repeat. */
async function finishIssue(issue: Issue, options: DigestOptions, deps: DigestDeps): Promise<DeliveryReport> {
  const progress = deps.onProgress ?? (() => {});
  const site = siteOf(options);
  progress(`publishing issue ${issue.number} (${issue.stories.length} stor${issue.stories.length === 1 ? 'y' : 'ies'})`);
  await publishIssue(issue, await readManifest(deps.archive), deps.archive, deps.templates, site);
  await deps.seen.markSeen(issue.stories.map((story) => story.articleId));
  const delivery = await deliverIssue(issue, site, options.sender, deps, (done, total) => {
    if (done === total || done % 25 === 0) progress(`sending: ${done}/${total}`);
  });
  const retryable = (await deps.ledger.entries(issue.number)).filter((e) => e.status === 'failed' && (e.attempts ?? 1) < MAX_SEND_ATTEMPTS);
  if (retryable.length === 0) await deps.ledger.completeIssue(issue.number, deps.clock.now().toISOString());
  return delivery;
}

/** A recipient whose send failed this often is given up for the issue; until then the next run retries. */
export const MAX_SEND_ATTEMPTS = 3;

async function publishNew(options: DigestOptions, deps: DigestDeps): Promise<RunSummary> {
  const progress = deps.onProgress ?? (() => {});

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
  // Loaded here, not at cold start: a run with nothing new never needs the tagger's code.
  const { extractFacts } = await import('../facts/index.ts');
  for (const article of fresh) {
    const result = extractOrFail(article, { sentences: options.sentences }, extractFacts);
    if ('failure' in result) failures.push(result.failure);
    else if (result.facts.sentences.length === 0) {
      failures.push({ source: article.source, message: `${article.source}: no sentences to digest (nothing readable once page furniture is removed)`, badInput: true });
    } else {
      digested.push({ article, facts: result.facts });
    }
  }
  if (digested.length === 0) return { status: 'no-articles', ...base, failures };

  const issue = buildIssue(nextIssueNumber(await readManifest(deps.archive)), deps.clock.now(), options.digestTitle, digested);
  await deps.ledger.beginIssue(issue.number, deps.clock.now().toISOString());
  const delivery = await finishIssue(issue, options, deps);
  return {
    status: 'published',
    ...base,
    failures,
    issue,
    issueUrl: `${options.siteUrl}${issuePagePath(issue.number)}`,
    delivery,
  };
}
