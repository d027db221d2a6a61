import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { issueFixture } from '../../../tests/fixtures/issue.ts';
import { signToken, verifyToken } from '../subscriptions/tokens.ts';
import { composeDigestMail, listId } from './mail.ts';
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
