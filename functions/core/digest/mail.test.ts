import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { issueFixture } from '../../../tests/support/issue-fixture.ts';
import { signToken, verifyToken } from '../subscriptions/tokens.ts';
import { composeDigestMail, listId, prepareDigestMail, unsubscribeUrl } from './mail.ts';
import { TEMPLATE_NAMES, type Templates } from './render.ts';

const templates = Object.fromEntries(
  TEMPLATE_NAMES.map((name) => [name, readFileSync(new URL(`../../../templates/${name}`, import.meta.url), 'utf8')]),
) as Templates;
const site = { digestTitle: 'Valley Digest', siteUrl: 'https://digest.example.org/' };
const key = 'test-key';

async function composed() {
  const token = signToken({ purpose: 'unsubscribe', email: 'ana@example.org' }, key);
  const raw = await composeDigestMail({ issue: issueFixture(), site, templates, sender: 'news@example.org', to: 'ana@example.org', unsubscribeToken: token });
  return { raw, mail: await simpleParser(raw) };
}

describe('composeDigestMail', () => {
  it('is multipart/alternative with a UTF-8 text part and an HTML part', async () => {
    const { raw, mail } = await composed();
    expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw.toString()).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw.toString()).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(mail.text).toContain('Mayor Lena Brandt of Elmford opened the new river bridge on Tuesday.');
    expect(mail.html).toContain('Lena Brandt (Mayor of Elmford)');
  });

  it('names the digest, the issue number and the top story in the subject', async () => {
    const { mail } = await composed();
    expect(mail.subject).toBe('Valley Digest #7: Elmford opens its new river bridge');
    expect(mail.from?.value[0]).toEqual({ name: 'Valley Digest', address: 'news@example.org' });
  });

  it('carries List-Id, a one-click List-Unsubscribe with a valid signed token, and a mailto', async () => {
    const { mail } = await composed();
    const list = mail.headers.get('list') as Record<string, { url?: string; mail?: string; id?: string; name?: string }>;
    expect(list.id).toEqual({ id: listId(site), name: 'Valley Digest' });
    const unsubscribe = list.unsubscribe as { url: string; mail: string };
    expect(unsubscribe.mail).toBe('news@example.org?subject=unsubscribe');
    const url = new URL(unsubscribe.url);
    expect(url.origin + url.pathname).toBe('https://digest.example.org/api/unsubscribe');
    expect(verifyToken(url.searchParams.get('token') ?? '', key, 'unsubscribe', new Date())).toMatchObject({ ok: true, claims: { email: 'ana@example.org' } });
    expect(list['unsubscribe-post']).toEqual({ name: 'List-Unsubscribe=One-Click' });
  });

  it('links to the issue page in the browser and escapes what articles bring', async () => {
    const { mail } = await composed();
    expect(mail.html).toContain('href="https://digest.example.org/issues/7/index.html"');
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('Council &lt;script&gt;alert(1)&lt;/script&gt; &amp; budget');
    expect(mail.text).toContain('Council <script>alert(1)</script> & budget');
  });

  it('keeps the layout mail clients need: inline styles and a table at most 600 px wide', async () => {
    const { mail } = await composed();
    const html = String(mail.html);
    expect(html).not.toMatch(/<style|<link/i);
    const widths = [...html.matchAll(/<table[^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(0);
    expect(Math.max(...widths)).toBeLessThanOrEqual(600);
    expect(html).toMatch(/max-width:600px/);
  });

  it('gives a retried send the same Message-ID', async () => {
    const first = await composed();
    const second = await composed();
    expect(first.mail.messageId).toBe(second.mail.messageId);
  });
});

describe('prepareDigestMail', () => {
  const sender = 'news@example.org';
  const token = (email: string) => signToken({ purpose: 'unsubscribe', email }, key);
  const lines = (raw: Buffer) => raw.toString('utf8').split('\r\n');

  it('gives two subscribers their own To, Message-ID and unsubscribe token, and otherwise the same mail', async () => {
    const prepared = prepareDigestMail({ issue: issueFixture(), site, templates, sender });
    const [ana, ben] = await Promise.all(
      ['ana@example.org', 'ben@example.org'].map(async (to) => ({ to, url: unsubscribeUrl(site.siteUrl, token(to)), mail: await simpleParser(prepared.compose(to, token(to))) })),
    );
    for (const { to, url, mail } of [ana!, ben!]) {
      expect(mail.to).toMatchObject({ value: [{ address: to }] });
      expect((mail.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url).toBe(url);
      expect(mail.text).toContain(`Unsubscribe: ${url}`);
      expect(mail.html).toContain(`href="${url}"`);
      const claims = verifyToken(new URL(url).searchParams.get('token') ?? '', key, 'unsubscribe', new Date());
      expect(claims).toMatchObject({ ok: true, claims: { email: to } });
    }
    expect(ana!.mail.messageId).not.toBe(ben!.mail.messageId);
    expect(ana!.url).not.toBe(ben!.url);
    const generic = ({ url, mail }: typeof ana & object) => ({
      text: String(mail.text).split(url).join('URL'),
      html: String(mail.html).split(url).join('URL'),
      subject: mail.subject,
      from: mail.from?.value,
      date: mail.date?.toISOString(),
    });
    expect(generic(ana!)).toEqual(generic(ben!));
    expect(generic(ana!).text).toContain('Unsubscribe: URL');
  });

  it('matches composeDigestMail, and a retried compose is the same mail', async () => {
    const prepared = prepareDigestMail({ issue: issueFixture(), site, templates, sender });
    const once = await simpleParser(prepared.compose('ana@example.org', token('ana@example.org')));
    const again = await simpleParser(prepared.compose('ana@example.org', token('ana@example.org')));
    const whole = await simpleParser(
      await composeDigestMail({ issue: issueFixture(), site, templates, sender, to: 'ana@example.org', unsubscribeToken: token('ana@example.org') }),
    );
    for (const other of [again, whole]) {
      expect(other.messageId).toBe(once.messageId);
      expect(other.text).toBe(once.text);
      expect(other.html).toBe(once.html);
      expect(other.subject).toBe(once.subject);
    }
  });

  it('keeps a non-ASCII digest name and title in the subject and the From display name', async () => {
    const name = 'Tägliche Übersicht — Дайджест «новости»';
    const headline = 'Elmförde öffnet die neue Brücke: «мост» 🌉 & more';
    const issue = issueFixture({ digestTitle: name, headline });
    const raw = prepareDigestMail({ issue, site: { ...site, digestTitle: name }, templates, sender }).compose('ana@example.org', token('ana@example.org'));
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(`${name} #7: ${headline}`);
    expect(mail.from?.value[0]).toEqual({ name, address: sender });
    expect(mail.text).toContain(name);
    // Headers themselves stay ASCII: the non-ASCII text travels as RFC 2047 encoded-words.
    const head = raw.toString('utf8').split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^[\x00-\x7f]*$/);
  });

  it('keeps a long non-ASCII digest name in the List-Id, in encoded-words of at most 75 characters', async () => {
    const name = 'Tägliche Übersicht der Nachrichten aus Elmförde — Дайджест «новости» недели';
    const raw = prepareDigestMail({ issue: issueFixture({ digestTitle: name }), site: { ...site, digestTitle: name }, templates, sender }).compose('ana@example.org', token('ana@example.org'));
    const head = raw.toString('utf8').split('\r\n\r\n')[0]!;
    const listIdHeader = /^List-Id: (.*(?:\r\n[ \t].*)*)/m.exec(head)![1]!;
    const words = listIdHeader.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? [];
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    // Adjacent encoded-words join without the white space between them (RFC 2047, section 6.2).
    const decoded = words.map((word) => {
      const [, , encoding, text] = /^=\?([^?]+)\?([BQ])\?([^?]*)\?=$/.exec(word)!;
      if (encoding === 'B') return Buffer.from(text!, 'base64');
      return Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    });
    expect(Buffer.concat(decoded).toString('utf8')).toBe(name);
    expect(listIdHeader).toMatch(/ <[^>]+>$/);
  });

  it('writes CRLF line endings and no line over 998 characters, body lines at most 76', async () => {
    const longTitle = `${'Long headline without a break '.repeat(20)}${'x'.repeat(300)}`;
    const issue = issueFixture({ headline: longTitle });
    const raw = prepareDigestMail({ issue, site, templates, sender }).compose('ana@example.org', token('ana@example.org'));
    const text = raw.toString('utf8');
    expect(text).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(Math.max(...lines(raw).map((line) => line.length))).toBeLessThanOrEqual(998);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(Math.max(...body.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(76);
    expect((await simpleParser(raw)).subject).toBe(`Valley Digest #7: ${longTitle}`);
  });

  it('encodes a mostly non-Latin body as base64 in 76-character lines', async () => {
    const cyrillic = { ...templates, 'email.txt': `${'Новости долины, выпуск {{number}}. '.repeat(40)}\nОтписаться: {{{unsubscribeUrl}}}\n` };
    const url = unsubscribeUrl(site.siteUrl, token('ana@example.org'));
    const raw = prepareDigestMail({ issue: issueFixture(), site, templates: cyrillic, sender }).compose('ana@example.org', token('ana@example.org'));
    expect(raw.toString()).toMatch(/Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64/);
    const mail = await simpleParser(raw);
    expect(mail.text).toContain('Новости долины, выпуск 7. ');
    expect(mail.text).toContain(`Отписаться: ${url}`);
    const base64Lines = lines(raw).filter((line) => /^[A-Za-z0-9+/=]{60,}$/.test(line));
    expect(base64Lines.length).toBeGreaterThan(5);
    expect(Math.max(...base64Lines.map((line) => line.length))).toBe(76);
  });

  it('escapes the unsubscribe URL where the template escapes it and not where it does not', async () => {
    const odd = { digestTitle: 'Valley Digest', siteUrl: "https://digest.example.org/a&b'/" };
    const url = unsubscribeUrl(odd.siteUrl, token('ana@example.org'));
    const raw = prepareDigestMail({ issue: issueFixture(), site: odd, templates, sender }).compose('ana@example.org', token('ana@example.org'));
    const mail = await simpleParser(raw);
    expect(mail.text).toContain(`Unsubscribe: ${url}`);
    expect(mail.html).toContain(`href="${url.replace('&', '&amp;').replace("'", '&#39;')}"`);
  });

  it('composeDigestMail renders again when the issue changed in place', async () => {
    const issue = issueFixture();
    const input = { issue, site, templates, sender, to: 'ana@example.org', unsubscribeToken: token('ana@example.org') };
    expect((await simpleParser(await composeDigestMail(input))).subject).toContain('Elmford opens its new river bridge');
    issue.headline = 'A different top story';
    expect((await simpleParser(await composeDigestMail(input))).subject).toBe('Valley Digest #7: A different top story');
  });
});
