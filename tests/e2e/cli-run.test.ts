import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../functions/core/digest/issue.ts';
import { PROJECT_ROOT, runCli } from '../support/cli.ts';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'sco-summit.txt');
/** The people the example article names (read off the article itself). */
const EXAMPLE_PEOPLE = [
  'Xi Jinping',
  'Vladimir Putin',
  'Kassym-Jomart Tokayev',
  'Mohammad Mokhbar',
  'Narendra Modi',
  'Alexander Lukashenko',
  'Recep Tayyip Erdogan',
  'António Guterres',
];

let work: string;
let out: string;
let firstRun: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'digest-e2e-'));
  out = join(work, 'store');
  firstRun = await runCli(['run', EXAMPLE, '--out', out], { cwd: work });
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const issueOf = async (n: number) => JSON.parse(await readFile(join(out, 'archive', 'issues', String(n), 'issue.json'), 'utf8')) as Issue;

describe('digest run on the example article', () => {
  it('publishes issue 1 and says where it is', () => {
    expect(firstRun.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toMatch(/^Issue 1 published: 1 article/m);
    expect(firstRun.stdout).toContain(join('store', 'archive', 'issues', '1', 'index.html'));
    expect(firstRun.stdout).toMatch(/preview in .*preview\.eml/);
  });

  it('writes the issue page, its data, the index and an Atom feed', async () => {
    const files = (await readdir(join(out, 'archive'), { recursive: true })).sort();
    expect(files).toEqual(expect.arrayContaining(['feed.xml', 'index.html', 'issues.json', join('issues', '1', 'index.html'), join('issues', '1', 'issue.json')]));
    const index = await readFile(join(out, 'archive', 'index.html'), 'utf8');
    expect(index).toContain('href="issues/1/index.html"');
    const feed = await readFile(join(out, 'archive', 'feed.xml'), 'utf8');
    expect(feed).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(feed).toContain('Xi Jinping');
  });

  it('names the eight people of the article, and nothing of the page furniture reaches the digest', async () => {
    const issue = await issueOf(1);
    const people = issue.stories[0]?.facts.people.map((p) => p.name) ?? [];
    expect(people).toEqual(expect.arrayContaining(EXAMPLE_PEOPLE));
    const everything = JSON.stringify(issue) + (await readFile(join(out, 'archive', 'issues', '1', 'index.html'), 'utf8'));
    for (const furniture of ['Leave A Reply', 'Exit mobile version', '"Share."']) expect(everything).not.toContain(furniture);
  });

  it('writes a preview mail that a real MIME parser reads: both parts, list headers, a view-in-browser link', async () => {
    const mail: ParsedMail = await simpleParser(await readFile(join(out, 'outbox', 'preview.eml')));
    expect(mail.subject).toMatch(/^News Digest #1: .+/);
    expect(mail.text).toContain('View in browser: http://127.0.0.1:8080/issues/1/index.html');
    expect(mail.html).toContain('href="http://127.0.0.1:8080/issues/1/index.html"');
    const list = mail.headers.get('list') as Record<string, { url?: string; mail?: string }>;
    expect(list.unsubscribe?.url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/api\/unsubscribe\?token=[\w-]+\.[\w-]+$/);
    expect(list.unsubscribe?.mail).toMatch(/subject=unsubscribe/);
    expect(list['unsubscribe-post']).toEqual({ name: 'List-Unsubscribe=One-Click' });
  });

  it('reports nothing new on a second run and publishes and sends nothing', async () => {
    const outboxBefore = await readdir(join(out, 'outbox'));
    const again = await runCli(['run', EXAMPLE, '--out', out], { cwd: work });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing new/);
    expect(await readdir(join(out, 'archive', 'issues'))).toEqual(['1']);
    expect(await readdir(join(out, 'outbox'))).toEqual(outboxBefore);
  });

  it('mails one .eml to each confirmed subscriber for the next new article', async () => {
    await writeFile(join(work, 'subscribers.csv'), 'email,name\nana@example.org,Ana\nBO@example.org ,Bo\n');
    const added = await runCli(['subscribers', 'add', '--confirmed', join(work, 'subscribers.csv'), '--out', out], { cwd: work });
    expect(added.stdout).toMatch(/^2 added/);
    const article = join(work, 'bridge.md');
    await writeFile(
      article,
      '# Elmford opens its river bridge\n\nMayor Lena Brandt opened the new bridge in Elmford on Tuesday. ' +
        'The bridge cost 12 million euros and took two years to build. Brandt said buses will cross it from May.\n',
    );
    const run = await runCli(['run', article, '--out', out], { cwd: work });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Issue 2 published/m);
    expect(run.stdout).toMatch(/2 sent/);
    const mails = (await readdir(join(out, 'outbox'))).filter((name) => name !== 'preview.eml');
    const recipients = await Promise.all(mails.map(async (name) => (await simpleParser(await readFile(join(out, 'outbox', name)))).to));
    expect(recipients.map((to) => (Array.isArray(to) ? to[0] : to)?.value[0]?.address).sort()).toEqual(['ana@example.org', 'bo@example.org']);
    expect((await issueOf(2)).headline).toBe('Elmford opens its river bridge');
  });
});

describe('digest run with bad input', () => {
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('names the field of a bad config and exits 2', async () => {
    const config = join(work, 'bad.config.json');
    await writeFile(config, JSON.stringify({ siteUrl: 'ftp://example.org', sentences: 3 }));
    const result = await runCli(['run', EXAMPLE, '--config', config, '--out', join(work, 'x')], { cwd: work });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toEqual([`digest run: ${config}: field "siteUrl": must be an http(s) URL`]);
  });

  it('refuses a config that is not JSON', async () => {
    const config = join(work, 'broken.json');
    await writeFile(config, '{ "title": ');
    const result = await runCli(['run', '--config', config, '--out', join(work, 'x')], { cwd: work });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(`${config}: not valid JSON`);
  });

  it('names a missing file, an empty file and a binary file, each in one line, exit 2', async () => {
    const empty = join(work, 'empty.txt');
    const binary = join(work, 'photo.txt');
    await writeFile(empty, '\n\n');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    for (const [file, message] of [
      [join(work, 'missing.txt'), 'no such file or folder'],
      [empty, 'the file is empty'],
      [binary, 'binary data, not an article'],
    ] as const) {
      const result = await runCli(['run', file, '--out', join(work, 'y')], { cwd: work });
      expect(result.code).toBe(2);
      const lines = oneLine(result.stderr);
      expect(lines).toEqual([expect.stringContaining(`digest run: ${file}: ${message}`)]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('publishes the good articles of a folder that also holds a binary file, and names the binary one', async () => {
    const folder = join(work, 'mixed');
    await mkdir(folder);
    const good = join(folder, 'a-bridge.txt');
    const binary = join(folder, 'b-program.txt');
    await writeFile(good, 'Mayor Lena Brandt of Elmford opened the new river bridge on Tuesday. The bridge cost 12 million euros.\n');
    await writeFile(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    const store = join(work, 'mixed-store');
    const result = await runCli(['run', folder, '--out', store], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Issue 1 published: 1 article/m);
    expect(oneLine(result.stderr)).toEqual([`digest run: skipped ${binary}: binary data, not an article (expected text, HTML or a feed)`]);
    const issue = JSON.parse(await readFile(join(store, 'archive', 'issues', '1', 'issue.json'), 'utf8')) as Issue;
    expect(issue.stories.map((s) => s.source)).toEqual([good]);
  });

  it('refuses an unknown flag with a usage line', async () => {
    const result = await runCli(['run', '--frobnicate'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^digest run: Unknown option '--frobnicate'/);
  });
});
