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
  /** An earlier issue this run finished delivering, if any. */
  resumedIssue: number | null;
  /** Mails sent, for the new issue and a resumed one together. */
  sent: number;
  /** Recipients an earlier run had already sent the issue to. */
  skipped: number;
  failed: number;
  /** Claimed by a run that died before confirming: maybe sent, so not sent again. */
  inDoubt: number;
  /** Sources or articles that could not be read or digested. */
  articlesFailed: number;
  throttled: number;
  inboxProcessed: number;
  failures: { source: string; message: string }[];
  failedRecipients: { email: string; error: string }[];
  inDoubtRecipients: string[];
}

export function runReport(summary: RunSummary, extra: { throttled: number; inboxProcessed: number }): RunReport {
  const deliveries = [summary.resumed?.delivery, summary.delivery].filter((d) => d !== undefined);
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
    resumedIssue: summary.resumed?.issue.number ?? null,
    sent: deliveries.reduce((n, d) => n + d.sent, 0),
    skipped: deliveries.reduce((n, d) => n + d.skipped, 0),
    failed: deliveries.reduce((n, d) => n + d.failed.length, 0),
    inDoubt: deliveries.reduce((n, d) => n + d.inDoubt.length, 0),
    articlesFailed: summary.failures.length,
    throttled: extra.throttled,
    inboxProcessed: extra.inboxProcessed,
    failures: summary.failures.map(({ source, message }) => ({ source, message })),
    failedRecipients: deliveries.flatMap((d) => d.failed),
    inDoubtRecipients: deliveries.flatMap((d) => d.inDoubt),
  };
}
