/**
 * Composes the digest mail: multipart/alternative (HTML + plain text, UTF-8) with the list headers of RFC 2369 and RFC 8058.
 *
 * Only three things differ between the subscribers of an issue: the To address, the Message-ID and the personal
 * unsubscribe URL (List-Unsubscribe and both bodies). `prepareDigestMail` renders the bodies and the shared
 * headers once per issue, with a placeholder for the URL; `compose` then fills in one subscriber and encodes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { encodeWords, foldLines, quoteString } from 'nodemailer/lib/mime-funcs';
import { toASCII } from 'nodemailer/lib/punycode';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import type { Issue } from './issue.ts';
import { escapeMarkup, render, type Templates } from './render.ts';
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

export type DigestIssueMailInput = Omit<DigestMailInput, 'to' | 'unsubscribeToken'>;

export interface PreparedDigestMail {
  /** The raw MIME message for one subscriber (CRLF line endings). */
  compose(to: string, unsubscribeToken: string): Buffer;
}

/** The one-click unsubscribe endpoint (RFC 8058 POST target, also the page behind the link in the mail). */
export const unsubscribeUrl = (siteUrl: string, token: string) => `${siteUrl}api/unsubscribe?token=${encodeURIComponent(token)}`;

/** List-Id per RFC 2919: a stable dotted id under the site's host. */
export function listId(site: SiteInfo): string {
  const host = new URL(site.siteUrl).hostname;
  const slug = site.digestTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'digest';
  return `${slug}.${host}`;
}

const CRLF = '\r\n';

/** Renders the bodies and the shared headers of one issue's mail; `compose` adds one subscriber. */
export function prepareDigestMail(input: DigestIssueMailInput): PreparedDigestMail {
  const { issue, site, templates, sender } = input;
  // The unsubscribe URL rendered as a placeholder. Its "&" tells an escaped occurrence ({{url}}, "&amp;") from a
  // raw one ({{{url}}}), so each gets the personal URL in the same form.
  const mark = `urn:x-unsubscribe:${randomBytes(12).toString('hex')}`;
  const placeholder = `${mark}&raw`;
  const escapedPlaceholder = escapeMarkup(placeholder);
  const view = mailView(issue, site, { unsubscribeUrl: placeholder });
  const text = preparePart('text/plain', render(templates, 'email.txt', view), mark, placeholder, escapedPlaceholder);
  const html = preparePart('text/html', render(templates, 'email.html', view), mark, placeholder, escapedPlaceholder);

  const senderDomain = sender.split('@')[1] ?? 'localhost';
  // "=_" occurs in neither quoted-printable nor base64 output, so the boundary cannot collide with a body line.
  const boundary = `=_digest-${randomBytes(12).toString('hex')}`;
  const header = (name: string, value: string) => foldLines(`${name}: ${value}`, 76) + CRLF;
  const head =
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"${CRLF}` +
    header('From', `${displayName(site.digestTitle)} <${address(sender)}>`);
  const tail =
    header('Subject', encodeWords(oneLine(mailSubject(issue)), textEncoding(mailSubject(issue)), 52, true)) +
    header('Date', new Date(issue.publishedAt).toUTCString().replace(/GMT/, '+0000')) +
    // nodemailer wrote the List-Id prepared: encoded, the whole value, <id> included, would become one encoded-word.
    header('List-Id', `${listPhrase(site.digestTitle)} <${listId(site)}>`);
  const afterUnsubscribe =
    header('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click') +
    header('List-Archive', `<${oneLine(site.siteUrl)}>`) +
    `MIME-Version: 1.0${CRLF}`;
  const mailto = `, <mailto:${address(sender)}?subject=unsubscribe>`;

  const fixed = (text: string) => Buffer.from(text, 'utf8');
  const beforeTo = fixed(head);
  const afterTo = fixed(tail);
  const beforeText = fixed(`${afterUnsubscribe}${CRLF}--${boundary}${CRLF}`);
  const beforeHtml = fixed(`--${boundary}${CRLF}`);
  const end = fixed(`--${boundary}--${CRLF}`);

  return {
    compose(to, unsubscribeToken) {
      const url = unsubscribeUrl(site.siteUrl, unsubscribeToken);
      // Deterministic per (issue, recipient): a retried send carries the same Message-ID, so clients collapse duplicates.
      const idHash = createHash('sha256').update(`${issue.number}\n${to}`).digest('hex').slice(0, 24);
      const personal =
        header('To', address(to)) +
        header('Message-ID', `<digest-${issue.number}-${idHash}@${senderDomain}>`) +
        header('List-Unsubscribe', `<${oneLine(url)}>${mailto}`);
      const pieces: Buffer[] = [beforeTo, afterTo, fixed(personal), beforeText];
      text(url, pieces);
      pieces.push(beforeHtml);
      html(url, pieces);
      pieces.push(end);
      return Buffer.concat(pieces);
    },
  };
}

/** One mail, prepared and composed at once (the CLI preview, tests). To mail many subscribers, prepare once. */
export async function composeDigestMail(input: DigestMailInput): Promise<Buffer> {
  const { to, unsubscribeToken, ...issueInput } = input;
  return prepareDigestMail(issueInput).compose(to, unsubscribeToken);
}

/**
 * One body part: its headers and, per subscriber, its encoded content. Quoted-printable (mostly Latin text) is
 * encoded line by line, so only the lines holding the URL are encoded per subscriber; base64 (mostly other
 * scripts) is encoded whole per subscriber. The choice is nodemailer's.
 */
function preparePart(type: string, body: string, mark: string, raw: string, escaped: string): (url: string, out: Buffer[]) => void {
  const lines = body.split(/\r\n|\r|\n/);
  const fill = (line: string, url: string) => line.split(escaped).map((piece) => piece.split(raw).join(url)).join(escapeMarkup(url));
  if (textEncoding(body) === 'B') {
    const partHead = Buffer.from(`Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`);
    const joined = lines.join(CRLF);
    return (url, out) => {
      out.push(partHead, Buffer.from(`${base64Lines(Buffer.from(fill(joined, url), 'utf8').toString('base64'))}${CRLF}`, 'latin1'));
    };
  }
  const qpLine = (line: string) => `${qpWrap(qpEncode(line), 76)}${CRLF}`;
  // Runs of fixed lines are encoded once; a line holding the URL is kept as rendered and encoded per subscriber.
  const chunks: Array<Buffer | string> = [Buffer.from(`Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`)];
  let run = '';
  for (const line of lines) {
    if (line.includes(mark)) {
      if (run) chunks.push(Buffer.from(run, 'latin1'));
      run = '';
      chunks.push(line);
    } else {
      run += qpLine(line);
    }
  }
  if (run) chunks.push(Buffer.from(run, 'latin1'));
  return (url, out) => {
    for (const chunk of chunks) out.push(typeof chunk === 'string' ? Buffer.from(qpLine(fill(chunk, url)), 'latin1') : chunk);
  };
}

function base64Lines(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length; i += 76) out += (i ? CRLF : '') + encoded.slice(i, i + 76);
  return out;
}

/** nodemailer's choice: quoted-printable ('Q') when Latin letters outnumber 8-bit and control characters, else base64 ('B'). */
function textEncoding(value: string): 'Q' | 'B' {
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) nonLatin++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return nonLatin < latin ? 'Q' : 'B';
}

/** A header may not carry a line break of its own. */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

/** An address as a header carries it: no line breaks or angle brackets, an internationalized domain in punycode. */
function address(value: string): string {
  const clean = value.replace(/[\r\n<>]/g, '').trim();
  const at = clean.lastIndexOf('@');
  if (at < 0) return clean;
  const domain = clean.slice(at + 1);
  return `${clean.slice(0, at)}@${/^[\x20-\x7e]*$/.test(domain) ? domain : toASCII(domain)}`;
}

/** A display name: a quoted string when ASCII, RFC 2047 encoded-words otherwise. */
function displayName(name: string): string {
  const clean = oneLine(name);
  return /^[\x20-\x7e]*$/.test(clean) ? quoteString(clean) : encodeWords(clean, textEncoding(clean), 52, true);
}

/** The List-Id description: a quoted string when ASCII, RFC 2047 encoded-words (75 characters at most each) otherwise. */
function listPhrase(name: string): string {
  const clean = name.replace(/["\\\r\n]/g, '');
  return /^[\x20-\x7e]*$/.test(clean) ? `"${clean}"` : encodeWords(clean, textEncoding(clean), 52, true);
}
