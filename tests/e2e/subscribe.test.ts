/**
 * The whole subscription flow in real headless Chromium against the real `digest serve` process:
 * subscribe through the form → confirmation link from the outbox .eml → Confirm → `digest run` mails the
 * digest → its unsubscribe link → Unsubscribe → the next digest is not sent to that address.
 * Screenshots of every page land in test-results/subscribe/ (git-ignored).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../support/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(PROJECT_ROOT, 'test-results', 'subscribe');
const BIN = join(PROJECT_ROOT, 'bin', 'digest.mjs');
const READER = 'reader@example.com';
/** Typed into the name field: must show as text everywhere, never run. */
const HOSTILE_NAME = 'Ada <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

const ARTICLE_B = `Harbour Bridge reopens after two-year repair

The Harbour Bridge in Portsmouth reopened on Monday after a two-year repair that cost 48 million pounds, the city council said.

Mayor Jane Holloway cut the ribbon in front of about 2,000 residents. "This bridge joins the two halves of our city again," Holloway said.

Engineers from Atlas Construction replaced 340 steel cables and the whole deck. Traffic is expected to return to 30,000 vehicles a day by March.
`;
const ARTICLE_C = `Library in Leeds extends opening hours

The Central Library in Leeds will open until 10 pm on weekdays from 1 February, the council announced on Tuesday.

Librarian Tom Baker said the change followed a survey of 5,400 readers. The extra hours cost 120,000 pounds a year, paid by the Rowntree Foundation.
`;

let work: string;
let out: string;
let configPath: string;
let port: number;
let server: ChildProcessWithoutNullStreams;
let serverLog = '';
let browser: Browser;
let page: Page;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function startServe(): Promise<void> {
  server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--out', out, '--config', configPath], {
    cwd: work,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`digest serve did not start:\n${serverLog}`)), 30_000);
    const onData = (chunk: Buffer) => {
      serverLog += chunk.toString();
      if (serverLog.includes('Serving ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`digest serve exited with ${code}:\n${serverLog}`)));
  });
}

const run = (...args: string[]) => runCli(['run', ...args, '--config', configPath, '--out', out], { cwd: work, timeoutMs: 90_000 });

/** Every .eml in the outbox addressed to `to`, parsed with a real MIME parser, oldest first. */
async function mailsTo(to: string): Promise<ParsedMail[]> {
  const dir = join(out, 'outbox');
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort() : [];
  const mails = await Promise.all(files.map(async (f) => simpleParser(await readFile(join(dir, f)))));
  return mails.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === to)));
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function subscriberState(email: string): Promise<string | undefined> {
  const list = await runCli(['subscribers', 'list', '--out', out], { cwd: work });
  expect(list.code).toBe(0);
  return new RegExp(`^${email.replace(/[.]/g, '\\.')}\\s+(\\S+)`, 'm').exec(list.stdout)?.[1];
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'digest-subscribe-e2e-'));
  out = join(work, 'store');
  port = await freePort();
  configPath = join(work, 'digest.config.json');
  await writeFile(configPath, JSON.stringify({ title: 'E2E Digest', sender: 'digest@example.com', siteUrl: `http://127.0.0.1:${port}/` }));
  await writeFile(join(work, 'harbour-bridge.txt'), ARTICLE_B);
  await writeFile(join(work, 'library.txt'), ARTICLE_C);
  await mkdir(SHOTS, { recursive: true });
  // Issue 1 before anyone subscribes: it publishes the archive the form lives on.
  const first = await run(join(PROJECT_ROOT, 'examples', 'sco-summit.txt'));
  expect(first.code, first.stderr).toBe(0);
  await startServe();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (work) await rm(work, { recursive: true, force: true });
});

describe('subscribing in a real browser through digest serve', { timeout: 120_000 }, () => {
  let confirmLink: string;
  let unsubscribeLink: string;

  it('subscribes through the form and shows the thank-you page', async () => {
    // The archive's own subscribe form, as a reader finds it on the index page (and on every issue page).
    const formPage = `http://127.0.0.1:${port}/index.html`;
    expect(await readFile(join(out, 'archive', 'issues', '1', 'index.html'), 'utf8')).toContain(`action="http://127.0.0.1:${port}/api/subscribe"`);
    await page.goto(formPage);
    await page.locator('form[action$="api/subscribe"] input[name="email"]').fill(READER);
    await page.locator('form[action$="api/subscribe"] input[name="name"]').fill(HOSTILE_NAME);
    await shot('1-form');
    expect(await page.locator('form[action$="api/subscribe"] input[name="website"]').inputValue()).toBe(''); // the honeypot, left alone as a person does
    await Promise.all([page.waitForURL(/\/api\/subscribe$/), page.locator('form[action$="api/subscribe"] button[type="submit"]').click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox');
    expect(await page.textContent('main')).toContain(READER);
    await shot('2-thank-you');
    expect(await subscriberState(READER)).toBe('pending');
  });

  it('mails a confirmation link that the outbox .eml carries in both parts', async () => {
    const [mail, ...more] = await mailsTo(READER);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Confirm your subscription to E2E Digest');
    confirmLink = /http:\/\/127\.0\.0\.1:\d+\/api\/confirm\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(confirmLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/confirm\\?token=`));
    // The mail as a reader sees it: the HTML part rendered in the browser, its button pointing at the same link.
    await page.setContent(String(mail?.html));
    expect(await page.getAttribute('a:has-text("Confirm my subscription")', 'href')).toBe(confirmLink);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.textContent('body')).toContain(`Hello ${HOSTILE_NAME},`);
    await shot('3-confirmation-mail');
  });

  it('refuses a tampered confirmation link with an error page', async () => {
    const tampered = new URL(confirmLink);
    const [payload, signature] = tampered.searchParams.get('token')!.split('.') as [string, string];
    tampered.searchParams.set('token', `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    const response = await page.goto(tampered.href);
    expect(response?.status()).toBe(400);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    expect(await page.getByRole('button').count()).toBe(0);
    await shot('4a-tampered-link');
    expect(await subscriberState(READER)).toBe('pending');
  });

  it('opens the link, shows a Confirm button without confirming, and confirms on the button', async () => {
    await page.goto(confirmLink);
    expect(await page.locator('h1').textContent()).toBe('Confirm your subscription');
    await shot('4-confirm-page');
    expect(await subscriberState(READER)).toBe('pending'); // GET changed nothing
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Confirm subscription' }).click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are subscribed');
    expect(await page.textContent('main')).toContain(`Welcome, ${HOSTILE_NAME}.`);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    await shot('5-subscribed');
    expect(await subscriberState(READER)).toBe('confirmed');
  });

  it('mails the next digest to the new subscriber, with a working unsubscribe link', async () => {
    const second = await run(join(work, 'harbour-bridge.txt'));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Issue 2 published/m);
    const digests = (await mailsTo(READER)).filter((m) => m.subject?.includes('#2'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    // mailparser gathers the List-* headers (RFC 2369, RFC 8058) under "list".
    const list = digest.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } } | undefined;
    const listUnsubscribe = list?.unsubscribe?.url;
    expect(list?.['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click');
    expect(listUnsubscribe).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/unsubscribe\\?token=`));
    await page.setContent(String(digest.html));
    await shot('6-digest-mail');
    unsubscribeLink = (await page.getAttribute('a:text-is("Unsubscribe")', 'href')) ?? '';
    expect(unsubscribeLink).toBe(listUnsubscribe);
  });

  it('follows the unsubscribe link, and unsubscribes only on the button', async () => {
    await page.goto(unsubscribeLink);
    expect(await page.locator('h1').textContent()).toBe('Unsubscribe');
    expect(await page.textContent('main')).toContain(READER);
    await shot('7-unsubscribe-page');
    expect(await subscriberState(READER)).toBe('confirmed'); // GET changed nothing
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Unsubscribe' }).click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are unsubscribed');
    await shot('8-unsubscribed');
    expect(await subscriberState(READER)).toBe('unsubscribed');
  });

  it('does not send the next digest to the unsubscribed address', async () => {
    const before = (await mailsTo(READER)).length;
    const third = await run(join(work, 'library.txt'));
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/^Issue 3 published/m);
    expect(third.stdout).toMatch(/no confirmed subscribers/);
    expect(await mailsTo(READER)).toHaveLength(before);
    await page.goto(`http://127.0.0.1:${port}/issues/3/index.html`);
    await shot('9-issue-3');
  });
});
