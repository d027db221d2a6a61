/** What a scheduled run reports: the numbers for the log line and the metrics, from core's run summary. */
import type { RunSummary } from '../core/digest/run.ts';

export interface RunReport {
  status: RunSummary['status'];
  articlesIn: number;
  articlesNew: number;
  /** Key facts in the issue: summary sentences, people, places, organisations, dates and quantities. */
  facts: number;
  issue: number | null;
  issueUrl: string | null;
  sent: number;
  /** Recipients an earlier or concurrent run had already claimed. */
  skipped: number;
  failed: number;
  /** Sources or articles that could not be read or digested. */
  articlesFailed: number;
  throttled: number;
  inboxProcessed: number;
  failures: { source: string; message: string }[];
  failedRecipients: { email: string; error: string }[];
}

export function runReport(summary: RunSummary, extra: { throttled: number; inboxProcessed: number }): RunReport {
  const stories = summary.issue?.stories ?? [];
  const facts = stories.reduce(
    (total, { facts: f }) =>
      total + f.summary.length + f.people.length + f.places.length + f.organizations.length + f.dates.length + f.quantities.length,
    0,
  );
  return {
    status: summary.status,
    articlesIn: summary.articlesIn,
    articlesNew: summary.articlesNew,
    facts,
    issue: summary.issue?.number ?? null,
    issueUrl: summary.issueUrl ?? null,
    sent: summary.delivery?.sent ?? 0,
    skipped: summary.delivery?.skipped ?? 0,
    failed: summary.delivery?.failed.length ?? 0,
    articlesFailed: summary.failures.length,
    throttled: extra.throttled,
    inboxProcessed: extra.inboxProcessed,
    failures: summary.failures.map(({ source, message }) => ({ source, message })),
    failedRecipients: summary.delivery?.failed ?? [],
  };
}
