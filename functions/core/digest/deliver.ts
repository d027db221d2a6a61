/**
 * Delivery: one mail per confirmed subscriber, each (issue, subscriber) claimed in the ledger
 * before the send, so a retried or concurrent run never mails anyone twice. One failing
 * recipient is recorded and skipped; the others still get the issue.
 */
import type { Clock, Mailer, SendLedger, SubscriberStore } from '../../ports.ts';
import { signToken } from '../subscriptions/tokens.ts';
import type { Issue } from './issue.ts';
import { prepareDigestMail } from './mail.ts';
import type { Templates } from './render.ts';
import type { SiteInfo } from './views.ts';

export interface DeliveryDeps {
  subscribers: SubscriberStore;
  ledger: SendLedger;
  mailer: Mailer;
  clock: Clock;
  templates: Templates;
  /** Signs the per-subscriber unsubscribe links. */
  tokenKey: string;
}

export interface DeliveryReport {
  /** Confirmed subscribers when delivery began. */
  recipients: number;
  sent: number;
  /** Sent by an earlier run of the same issue. */
  skipped: number;
  /** Claimed by a run that died before confirming the send: maybe sent, so not sent again. The owner decides. */
  inDoubt: string[];
  failed: { email: string; error: string }[];
}

export async function deliverIssue(
  issue: Issue,
  site: SiteInfo,
  sender: string,
  deps: DeliveryDeps,
  onSent?: (done: number, total: number) => void,
): Promise<DeliveryReport> {
  const recipients = (await deps.subscribers.list()).filter((s) => s.state === 'confirmed');
  const report: DeliveryReport = { recipients: recipients.length, sent: 0, skipped: 0, inDoubt: [], failed: [] };
  const at = () => deps.clock.now().toISOString();
  // Rendered once per issue; each subscriber only fills in the To address, Message-ID and unsubscribe link.
  const mail = prepareDigestMail({ issue, site, templates: deps.templates, sender });
  for (const subscriber of recipients) {
    const claim = await deps.ledger.claim(issue.number, subscriber.email, at());
    if (claim !== 'claimed') {
      if (claim === 'sent') report.skipped += 1;
      else report.inDoubt.push(subscriber.email);
      onSent?.(handled(report), recipients.length);
      continue;
    }
    try {
      const raw = mail.compose(subscriber.email, signToken({ purpose: 'unsubscribe', email: subscriber.email }, deps.tokenKey));
      const messageId = await deps.mailer.send({ from: sender, to: subscriber.email, raw });
      await deps.ledger.markSent(issue.number, subscriber.email, at(), messageId);
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.ledger.markFailed(issue.number, subscriber.email, at(), message);
      report.failed.push({ email: subscriber.email, error: message });
    }
    onSent?.(handled(report), recipients.length);
  }
  return report;
}

const handled = (report: DeliveryReport) => report.sent + report.skipped + report.inDoubt.length + report.failed.length;
