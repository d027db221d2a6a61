/// <reference lib="dom" />
// page.evaluate() callbacks run in the browser; the DOM types describe them.
/**
 * The archive site in a real browser: Debian's Chromium driven by playwright-core, on an archive published by
 * the core publish functions from made-up issues (no fact engine, nothing read from outside the repository),
 * opened from disk as a user opens `.digest/archive/index.html`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsArchive } from '../../functions/adapters/fs-archive.ts';
import { loadTemplates } from '../../functions/adapters/templates.ts';
import type { Issue } from '../../functions/core/digest/issue.ts';
import { publishIssue, readManifest } from '../../functions/core/digest/publish.ts';
import { runCli } from '../support/cli.ts';
import { harbourStory, hostileStory, issueRun, libraryStory, longWordStory, madeUpIssue } from '../support/made-up-issues.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTEFACTS = join(import.meta.dirname, '..', '..', 'test-results', 'archive');
const PAGE_BUDGET_BYTES = 50 * 1024;

let root: string;
let browser: Browser;
let api: Server;
let siteUrl: string;
const subscribeRequests: { method: string; url: string; type: string; body: string }[] = [];

const harbourIssue = madeUpIssue(22, '2026-11-27T06:00:00Z', [harbourStory, libraryStory, longWordStory]);
const hostileIssue = madeUpIssue(23, '2026-11-28T06:00:00Z', [hostileStory, harbourStory]);
const issues: Issue[] = [...issueRun(21), harbourIssue, hostileIssue];

const fileUrl = (key: string) => pathToFileURL(join(root, key)).href;

let shared: Page | undefined;

/** Runs before each page's own scripts: keeps what the page's Content-Security-Policy blocked. */
function recordCspViolations() {
  const violations: string[] = [];
  Object.assign(window, { cspViolations: violations });
  document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/**
 * Opens a page of the archive. Pages share one tab (a new renderer costs seconds on a busy machine): each open
 * starts from about:blank with the asked viewport and colour scheme. Without JavaScript it takes a tab of its own.
 */
type OpenOptions = { width?: number; colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean };

/** Opens `key` ("issues/1/index.html#story-1-s2") of the made-up archive. */
async function open(key: string, options: OpenOptions = {}): Promise<Page> {
  const [path, hash] = key.split('#');
  return openUrl(`${fileUrl(path ?? key)}${hash ? `#${hash}` : ''}`, options);
}

async function openUrl(url: string, options: OpenOptions = {}): Promise<Page> {
  const viewport = { width: options.width ?? 1280, height: 900 };
  const colorScheme = options.colorScheme ?? 'light';
  let page: Page;
  if (options.javaScriptEnabled === false) {
    page = await (await browser.newContext({ viewport, colorScheme, javaScriptEnabled: false })).newPage();
  } else {
    if (!shared) {
      shared = await (await browser.newContext()).newPage();
      await shared.addInitScript(recordCspViolations);
    }
    page = shared;
    page.removeAllListeners('dialog');
    await page.goto('about:blank');
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
  }
  await page.goto(url);
  return page;
}

async function close(page: Page): Promise<void> {
  if (page !== shared) await page.context().close();
}

beforeAll(async () => {
  api = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      subscribeRequests.push({ method: request.method ?? '', url: request.url ?? '', type: request.headers['content-type'] ?? '', body });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Check your inbox</title><p>Check your inbox.</p>');
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/`;

  root = mkdtempSync(join(tmpdir(), 'digest-archive-e2e-'));
  const archive = new FsArchive(root);
  const templates = await loadTemplates();
  for (const issue of issues) {
    await publishIssue(issue, await readManifest(archive), archive, templates, { digestTitle: 'Morning Facts', siteUrl });
  }
  mkdirSync(ARTEFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => api?.close(resolve));
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('archive site layout', () => {
  const pages = [
    ['index', 'index.html'],
    ['issue', 'issues/22/index.html'],
    ['hostile-issue', 'issues/23/index.html'],
  ] as const;

  it.each(pages)('shows the %s page without horizontal scroll at 320, 375 and 1280 px', async (name, key) => {
    for (const width of [320, 375, 1280]) {
      const page = await open(key, { width });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      await page.screenshot({ path: join(ARTEFACTS, `${name}-${width}.png`), fullPage: true });
      expect(scrollWidth, `${key} at ${width} px`).toBeLessThanOrEqual(clientWidth);
      await close(page);
    }
  });

  it('weighs less than 50 KB per page, script included', () => {
    const size = (key: string) => statSync(join(root, key)).size;
    for (const key of ['index.html', 'page-2.html']) expect(size(key) + size('search.js'), key).toBeLessThan(PAGE_BUDGET_BYTES);
    for (const key of ['issues/22/index.html', 'issues/23/index.html']) expect(size(key) + size('site.js'), key).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('has one h1, a language, landmarks and a label for every form field', async () => {
    for (const key of ['index.html', 'issues/22/index.html']) {
      const page = await open(key);
      const facts = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        lang: document.documentElement.lang,
        landmarks: ['header', 'main', 'nav', 'footer', 'aside'].filter((tag) => document.querySelector(tag)),
        unlabelled: [...document.querySelectorAll('input')].filter((input) => input.labels === null || input.labels.length === 0).map((input) => input.name),
      }));
      expect(facts, key).toEqual({ h1: 1, lang: 'en', landmarks: ['header', 'main', 'nav', 'footer', 'aside'], unlabelled: [] });
      await close(page);
    }
  });
});

describe('archive site safety', () => {
  it('shows a title with <script> and an onerror image as text and runs nothing', async () => {
    for (const key of ['issues/23/index.html', 'index.html']) {
      const page = await open(key);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.waitForLoadState('load');
      const seen = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        text: document.body.innerText,
        injected: document.querySelectorAll('body img, body iframe, body svg, body b, script:not([src])').length,
        scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
        badLinks: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href).filter((href) => !/^(https?|file):/.test(href)),
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      }));
      expect(seen.pwned, key).toBeUndefined();
      expect(seen.text).toContain('Breaking <script>window.__pwned = "title"</script> <img src=x onerror="window.__pwned = \'img\'">');
      expect(seen.injected).toBe(0);
      expect(seen.scripts).toEqual([key === 'index.html' ? 'search.js' : '../../site.js']);
      expect(seen.badLinks).toEqual([]);
      expect(seen.handlers).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      await close(page);
    }
  });

  it('would block an inline script that got in anyway, by its Content-Security-Policy', async () => {
    for (const key of ['index.html', 'issues/23/index.html']) {
      const page = await open(key);
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inline = "ran"';
        document.body.append(script);
        const handler = document.createElement('div');
        handler.innerHTML = '<img src="data:," onerror="window.__inline = \'handler\'">';
        document.body.append(handler);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return (window as unknown as { __inline?: string }).__inline;
      });
      expect(ran, key).toBeUndefined();
      expect(await cspViolations(page)).toEqual(expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline']));
      await close(page);
    }
  });

  it('shows hostile names in search results as text and runs nothing', async () => {
    const page = await open('index.html');
    await page.fill('#search-query', 'mallory');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    const hit = await page.locator('#search-results li').innerText();
    expect(hit).toContain('People: <img src=x onerror="window.__pwned = \'person\'"> Mallory');
    expect(await page.locator('#search-results img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await close(page);
  });
});

describe('archive search', () => {
  it("finds an issue by a person's name, accents or not, and opens it", async () => {
    const page = await open('index.html');
    expect(await page.evaluate(() => 'digestSearchIndex' in window)).toBe(false);
    await page.fill('#search-query', 'tomas reznicek');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    const result = page.locator('#search-results li').first();
    expect(await result.locator('h3').innerText()).toBe('#22: Port authority approves the northern harbour expansion');
    expect(await result.innerText()).toContain('People: Tomás Řezníček');
    expect(await page.locator('#issue-list').isHidden()).toBe(true);
    expect(await page.locator('#search-status').innerText()).toBe('1 issue mentions “tomas reznicek”.');
    expect(await cspViolations(page)).toEqual([]);
    await result.locator('a').click();
    await page.waitForURL(/issues\/22\/index\.html$/);
    expect(await page.locator('h1').innerText()).toContain('#22');
    await close(page);
  });

  it('runs the search given in the address (index.html?q=…), so a search can be linked to', async () => {
    const page = await openUrl(`${fileUrl('index.html')}?q=${encodeURIComponent('Solberg')}`);
    await expect.poll(() => page.locator('#search-results h3').allInnerTexts()).toEqual([
      '#23: Breaking <script>window.__pwned = "title"</script> <img src=x onerror="window.__pwned = \'img\'">',
      '#22: Port authority approves the northern harbour expansion',
    ]);
    expect(await page.inputValue('#search-query')).toBe('Solberg');
    await close(page);
  });

  it('searches issues beyond the first index page, and clearing the box brings the list back', async () => {
    const page = await open('index.html');
    await page.fill('#search-query', 'Speaker 3');
    await expect.poll(() => page.locator('#search-results h3').allInnerTexts()).toEqual(['#3: Council meeting number 3 approves the budget']);
    await page.fill('#search-query', 'no such thing anywhere');
    await expect.poll(() => page.locator('#search-status').innerText()).toBe('No issue mentions “no such thing anywhere”.');
    await page.fill('#search-query', '');
    expect(await page.locator('#issue-list').isVisible()).toBe(true);
    expect(await page.locator('#search-results').isHidden()).toBe(true);
    await close(page);
  });

  it('without JavaScript hides the search box and lists the issues, paginated', async () => {
    const page = await open('index.html', { javaScriptEnabled: false });
    expect(await page.locator('#search').isHidden()).toBe(true);
    expect(await page.locator('.issues > li').count()).toBe(20);
    await page.getByRole('link', { name: 'Older issues →' }).click();
    await page.waitForURL(/page-2\.html$/);
    expect(await page.locator('.issues > li h3').allInnerTexts()).toEqual([
      '#3: Council meeting number 3 approves the budget',
      '#2: Council meeting number 2 approves the budget',
      '#1: Council meeting number 1 approves the budget',
    ]);
    await close(page);
  });
});

describe('fact provenance', () => {
  it('jumps from a fact to the sentence it came from, even inside the collapsed list', async () => {
    const page = await open('issues/22/index.html');
    await page.locator('#story-1 .facts').getByRole('link', { name: 'Kessby' }).click();
    const target = page.locator('#story-1-s3');
    await expect.poll(() => target.isVisible()).toBe(true);
    expect(await target.innerText()).toBe(harbourStory.sentences[3]);
    expect(await target.evaluate((el) => el.matches(':target'))).toBe(true);
    await page.locator('#story-1 .facts').getByRole('link', { name: '1.2 billion euros' }).click();
    expect(await page.locator('#story-1-s2').evaluate((el) => el.matches(':target') && el.closest('.summary') !== null)).toBe(true);
    await close(page);
  });
});

describe('Atom feed', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['entry', 'link'].includes(name) });
  type Link = { rel: string; type: string; href: string };
  type Entry = { id: string; title: { '#text': string }; updated: string; published: string; link: Link[]; content: { type: string; '#text': string } };

  it('is well-formed XML by a strict parser and has what RFC 4287 requires', async () => {
    const xml = readFileSync(join(root, 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const page = await open('index.html');
    const strict = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.namespaceURI };
    }, xml);
    expect(strict).toEqual({ error: null, root: 'http://www.w3.org/2005/Atom' });
    await close(page);

    const feed = parser.parse(xml).feed as { id: string; title: string; updated: string; author: { name: string }; link: Link[]; entry: Entry[] };
    expect(feed.id).toBe(`${siteUrl}feed.xml`);
    expect(feed.title).toBe('Morning Facts');
    expect(feed.author.name).toBe('Morning Facts');
    expect(feed.updated).toBe(hostileIssue.publishedAt);
    expect(feed.link).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: `${siteUrl}feed.xml` },
      { rel: 'alternate', type: 'text/html', href: siteUrl },
    ]);
    expect(feed.entry).toHaveLength(20);
    expect(feed.entry.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => `${siteUrl}issues/${23 - i}/index.html`));
    for (const entry of feed.entry) {
      expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(entry.link).toEqual([{ rel: 'alternate', type: 'text/html', href: entry.id }]);
      expect(entry.content.type).toBe('html');
    }
  });

  it('carries the full content of each issue, with the article strings still escaped inside it', async () => {
    const feed = parser.parse(readFileSync(join(root, 'feed.xml'), 'utf8')).feed as { entry: Entry[] };
    const [hostile, harbour] = feed.entry;
    const page = await open('index.html');
    const read = (html: string) =>
      page.evaluate((content) => {
        const doc = new DOMParser().parseFromString(content, 'text/html');
        return {
          text: doc.body.textContent ?? '',
          links: [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          injected: doc.querySelectorAll('script, img, iframe, svg, b').length,
        };
      }, html);
    const harbourContent = await read(harbour?.content['#text'] ?? '');
    for (const story of [harbourStory, libraryStory, longWordStory]) {
      expect(harbourContent.text).toContain(story.title);
      for (const i of story.summaryIndexes) expect(harbourContent.text).toContain(story.sentences[i]);
    }
    expect(harbourContent.text).toContain('Ingrid Solberg (Chair of the Valmora Port Authority)');
    expect(harbourContent.links).toContain(harbourStory.url);
    expect(harbourContent.links).toContain(`${siteUrl}issues/22/index.html#story-1-s1`);
    const hostileContent = await read(hostile?.content['#text'] ?? '');
    expect(hostileContent.text).toContain('Breaking <script>window.__pwned = "title"</script>');
    expect(hostileContent.injected).toBe(0);
    expect(hostile?.title['#text']).toBe('#23: Breaking <script>window.__pwned = "title"</script> <img src=x onerror="window.__pwned = \'img\'">');
    await close(page);
  });
});

describe('subscribe form', () => {
  it.each(['index.html', 'issues/22/index.html'])('is reached by keyboard alone on %s, with a visible focus, and posts the agreed fields', async (key) => {
    subscribeRequests.length = 0;
    const page = await open(key);
    const visited: string[] = [];
    let reached = false;
    for (let presses = 0; presses < 200 && !reached; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '', outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '' };
      });
      visited.push(focused.id || focused.text);
      expect(focused.id).not.toBe('subscribe-website');
      if (focused.id === 'subscribe-email') {
        reached = true;
        expect(focused.outline).toMatch(/^solid [3-9]px$/);
      }
    }
    expect(reached, `focus went ${visited.join(' → ')}`).toBe(true);
    expect(visited[0]).toMatch(/^Skip to/);
    await page.keyboard.type('reader@example.com');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await page.keyboard.type('Ada Reader');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Subscribe');
    await Promise.all([page.waitForURL(`${siteUrl}api/subscribe`), page.keyboard.press('Enter')]);
    // The browser may also ask the server for /favicon.ico once it shows the response.
    const posted = subscribeRequests.filter((r) => r.url === '/api/subscribe');
    expect(posted).toHaveLength(1);
    const [request] = posted;
    expect(request).toMatchObject({ method: 'POST', url: '/api/subscribe', type: 'application/x-www-form-urlencoded' });
    expect([...new URLSearchParams(request?.body)]).toEqual([
      ['email', 'reader@example.com'],
      ['name', 'Ada Reader'],
      ['website', ''],
    ]);
    await close(page);
  });

  it('keeps the honeypot out of sight and out of the tab order', async () => {
    const page = await open('index.html');
    const honeypot = await page.evaluate(() => {
      const input = document.querySelector('input[name=website]') as HTMLInputElement;
      const box = (input.closest('[aria-hidden=true]') ?? input).getBoundingClientRect();
      return {
        tabIndex: input.tabIndex,
        autocomplete: input.getAttribute('autocomplete'),
        hiddenFromAssistiveTech: input.closest('[aria-hidden=true]') !== null,
        area: box.width * box.height,
      };
    });
    expect(honeypot).toMatchObject({ tabIndex: -1, autocomplete: 'off', hiddenFromAssistiveTech: true });
    expect(honeypot.area).toBeLessThanOrEqual(1);
    await close(page);
  });
});

/** WCAG contrast of every visible piece of text against the background it is drawn on. */
async function contrastReport(page: Page) {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const background = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let node = el; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] === 1) break;
      }
      const canvas: Rgba = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
      return layers.reverse().reduce((below, layer) => over(layer, below), canvas);
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (fg: Rgba, bg: Rgba) => {
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
      return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
    };
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility === 'visible' && !el.closest('[aria-hidden=true], [hidden]');
    };
    const samples: { what: string; ratio: number }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!hasText || !visible(el)) continue;
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const name = el.tagName.toLowerCase();
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      samples.push({ what: `${name}${cls}${el.matches(':target') ? ':target' : ''}`, ratio: ratio(fg, bg) });
    }
    for (const input of document.querySelectorAll('input[placeholder]')) {
      if (!visible(input)) continue;
      const bg = background(input);
      samples.push({ what: 'placeholder', ratio: ratio(over(parse(getComputedStyle(input, '::placeholder').color), bg), bg) });
    }
    return samples;
  });
}

describe('colour contrast', () => {
  it.each(['light', 'dark'] as const)('keeps every text at 4.5:1 or more in %s mode, highlighted sentences included', async (colorScheme) => {
    const figures: Record<string, number> = {};
    for (const key of ['index.html', 'issues/22/index.html#story-1-s3']) {
      const page = await open(key, { colorScheme, width: 375 });
      await page.waitForLoadState('load');
      const samples = await contrastReport(page);
      await page.screenshot({ path: join(ARTEFACTS, `contrast-${colorScheme}-${key.startsWith('index') ? 'index' : 'issue'}.png`) });
      expect(samples.length).toBeGreaterThan(20);
      for (const sample of samples) {
        figures[sample.what] = Math.min(figures[sample.what] ?? Infinity, sample.ratio);
        expect(sample.ratio, `${key} ${sample.what}`).toBeGreaterThanOrEqual(4.5);
      }
      await close(page);
    }
    expect(Object.keys(figures)).toEqual(expect.arrayContaining(['p.lead', 'a', 'button', 'dt', 'li', 'li:target', 'placeholder']));
    writeFileSync(join(ARTEFACTS, `contrast-${colorScheme}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  });
});

describe('the archive of a real `digest run` on the bundled example', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'digest-archive-run-'));
    const run = await runCli(['run', '--out', out], { cwd: out });
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });
  const archiveUrl = (key: string) => pathToFileURL(join(out, 'archive', key)).href;

  it('shows the index and the issue without horizontal scroll, and every fact link lands on its sentence', async () => {
    for (const [name, key, width] of [
      ['run-index', 'index.html', 375],
      ['run-issue', 'issues/1/index.html', 375],
      ['run-issue', 'issues/1/index.html', 1280],
    ] as const) {
      const page = await openUrl(archiveUrl(key), { width });
      await page.screenshot({ path: join(ARTEFACTS, `${name}-${width}.png`), fullPage: true });
      const layout = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        dangling: [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href') ?? '').filter((href) => href !== '#main' && !document.getElementById(href.slice(1))),
        factLinks: document.querySelectorAll('.facts a').length,
      }));
      expect(layout.overflow, `${key} at ${width} px`).toBeLessThanOrEqual(0);
      expect(layout.dangling).toEqual([]);
      if (key !== 'index.html') expect(layout.factLinks).toBeGreaterThan(10);
    }
  });

  it('finds the issue by a person the fact engine named', async () => {
    const page = await openUrl(archiveUrl('index.html'));
    await page.fill('#search-query', 'putin');
    await expect.poll(() => page.locator('#search-results h3').count()).toBe(1);
    expect(await page.locator('#search-results li').innerText()).toContain('People: Vladimir Putin');
  });
});
