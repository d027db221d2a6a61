/** Composes the digest mail: multipart/alternative (HTML + plain text, UTF-8) with the list headers of RFC 2369 and RFC 8058. */
import { createHash } from 'node:crypto';
import { loadMailComposer } from '../mail-composer.ts';
import type { Issue } from './issue.ts';
import { render, type Templates } from './render.ts';
import { mailSubject, mailView, type SiteInfo } from './views.ts';

export interface DigestMailInput {
  issue: Issue;
  site: SiteInfo;
  templates: Templates;
  /** Sender address; the digest title is its display name. */
  sender: string;
  to: string;
  /** The subscriber's signed unsubscribe token. */
  unsubscribeToken: string;
}

/** The one-click unsubscribe endpoint (RFC 8058 POST target, also the page behind the link in the mail). */
export const unsubscribeUrl = (siteUrl: string, token: string) => `${siteUrl}api/unsubscribe?token=${encodeURIComponent(token)}`;

/** List-Id per RFC 2919: a stable dotted id under the site's host. */
export function listId(site: SiteInfo): string {
  const host = new URL(site.siteUrl).hostname;
  const slug = site.digestTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'digest';
  return `${slug}.${host}`;
}

export async function composeDigestMail(input: DigestMailInput): Promise<Buffer> {
  const { issue, site, templates, sender, to, unsubscribeToken } = input;
  const unsubscribe = unsubscribeUrl(site.siteUrl, unsubscribeToken);
  const view = mailView(issue, site, { unsubscribeUrl: unsubscribe });
  const senderDomain = sender.split('@')[1] ?? 'localhost';
  // Deterministic per (issue, recipient): a retried send carries the same Message-ID, so clients collapse duplicates.
  const idHash = createHash('sha256').update(`${issue.number}\n${to}`).digest('hex').slice(0, 24);
  const MailComposer = await loadMailComposer();
  const composer = new MailComposer({
    from: { name: site.digestTitle, address: sender },
    to,
    subject: mailSubject(issue),
    date: new Date(issue.publishedAt),
    messageId: `<digest-${issue.number}-${idHash}@${senderDomain}>`,
    text: render(templates, 'email.txt', view),
    html: render(templates, 'email.html', view),
    headers: {
      // Prepared: nodemailer would otherwise encode the whole value, <id> included, as one encoded-word.
      'List-Id': { prepared: true, value: `${listPhrase(site.digestTitle)} <${listId(site)}>` },
      'List-Unsubscribe': `<${unsubscribe}>, <mailto:${sender}?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Archive': `<${site.siteUrl}>`,
    },
  });
  return composer.compile().build();
}

/** The List-Id description: a quoted string when ASCII, an RFC 2047 encoded-word otherwise. */
function listPhrase(name: string): string {
  const clean = name.replace(/["\\\r\n]/g, '');
  return /^[\x20-\x7e]*$/.test(clean) ? `"${clean}"` : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}
