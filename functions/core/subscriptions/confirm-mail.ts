/** The double opt-in mail: one link to the confirm page, from the confirm-email templates. */
import { createHash } from 'node:crypto';
import { loadMailComposer } from '../mail-composer.ts';
import { render, type Templates } from '../digest/render.ts';
import type { SiteInfo } from '../digest/views.ts';

/** The page behind the link in the confirmation mail (GET shows a button, POST confirms). */
export const confirmUrl = (siteUrl: string, token: string) => `${siteUrl}api/confirm?token=${encodeURIComponent(token)}`;

export interface ConfirmationMailInput {
  site: SiteInfo;
  templates: Templates;
  sender: string;
  to: string;
  name?: string;
  /** The signed, expiring confirm token. */
  token: string;
  expiresAt: Date;
  sentAt: Date;
}

export interface ConfirmationMailView {
  digestTitle: string;
  siteUrl: string;
  email: string;
  name?: string;
  confirmUrl: string;
  expiresOn: string;
}

const formatDate = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);

export function confirmationMailView(input: ConfirmationMailInput): ConfirmationMailView {
  return {
    digestTitle: input.site.digestTitle,
    siteUrl: input.site.siteUrl,
    email: input.to,
    ...(input.name ? { name: input.name } : {}),
    confirmUrl: confirmUrl(input.site.siteUrl, input.token),
    expiresOn: formatDate(input.expiresAt),
  };
}

export const confirmationSubject = (site: SiteInfo) => `Confirm your subscription to ${site.digestTitle}`;

export async function composeConfirmationMail(input: ConfirmationMailInput): Promise<Buffer> {
  const view = confirmationMailView(input);
  const senderDomain = input.sender.split('@')[1] ?? 'localhost';
  const idHash = createHash('sha256').update(`confirm\n${input.to}\n${input.sentAt.toISOString()}`).digest('hex').slice(0, 24);
  const MailComposer = await loadMailComposer();
  const composer = new MailComposer({
    from: { name: input.site.digestTitle, address: input.sender },
    to: input.to,
    subject: confirmationSubject(input.site),
    date: input.sentAt,
    messageId: `<confirm-${idHash}@${senderDomain}>`,
    text: render(input.templates, 'confirm-email.txt', view),
    html: render(input.templates, 'confirm-email.html', view),
    // A transactional mail the reader asked for: no list headers, and auto-responders should stay quiet.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return composer.compile().build();
}
