import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../tests/support/cli.ts';
import { UsageError } from '../../core/errors.ts';
import { extractFacts } from '../../core/facts/index.ts';
import type { ArticleFacts } from '../../core/facts/types.ts';
import { factsCommand, jsonPrinter, parseFactsArgs, renderFactsText, runFacts, textPrinter, type FactsPrinter } from './facts.ts';

const text = 'The river rose two metres overnight. Engineers closed the old bridge on Monday.\n\nShare.\n';

describe('digest facts', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'facts-'));
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints one pretty JSON object for one article', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, text);
    expect(await factsCommand.run([file, '--json', '--sentences', '1'])).toBe(0);
    const facts = JSON.parse(out);
    expect(facts.source).toBe(file);
    expect(facts.summary).toHaveLength(1);
    expect(out).toContain('\n  "title"');
  });

  it('prints JSON Lines with the source of each article for several', async () => {
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.md'), '# Bridge closed\n\nThe old bridge stays closed until the water falls. Engineers will inspect it on Friday.\n');
    writeFileSync(join(dir, 'c.png'), 'not an article');
    expect(await factsCommand.run([dir, '--json'])).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source)).toEqual([join(dir, 'a.txt'), join(dir, 'b.md')]);
    expect(lines[1].title).toBe('Bridge closed');
  });

  it('prints a readable rendering without --json', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, text);
    await factsCommand.run([file]);
    expect(out).toContain('Key sentences:');
    expect(out).toContain('Quantities: two metres');
    expect(out).not.toContain('Share.');
  });

  it('prints each article while it reads at most two ahead', async () => {
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt'), 'The ferry to Elmford stopped on Sunday.\n');
    writeFileSync(join(dir, 'c.txt'), 'The bridge at Norbury closed on Monday.\n');
    writeFileSync(join(dir, 'd.txt'), 'The road to Ashby was blocked on Tuesday.\n');
    vi.mocked(process.stdout.write).mockImplementation((chunk) => {
      // By the time the first article is out, the fourth must not have been read yet.
      if (out === '') writeFileSync(join(dir, 'd.txt'), 'The road to Ashby opens again on Friday.\n');
      out += String(chunk);
      return true;
    });
    expect(await factsCommand.run([dir])).toBe(0);
    expect(out).toContain('The road to Ashby opens again on Friday.');
  });

  it('shows a progress line on a terminal while it works through several articles, and clears it at the end', async () => {
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt'), 'The ferry to Elmford stopped on Sunday.\n');
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    const wasTTY = process.stderr.isTTY;
    process.stderr.isTTY = true;
    try {
      await factsCommand.run([join(dir, 'a.txt')]);
      expect(err).toBe('');
      await factsCommand.run([dir]);
    } finally {
      process.stderr.isTTY = wasTTY;
    }
    expect(err).toBe('\r\x1b[2Kfacts: 2 articles, 20 words\r\x1b[2K');
  });

  it('names an article whose extraction fails, still prints the ones after it, and exits 1', async () => {
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.txt`), `The ferry to ${name.toUpperCase()}ford runs again from Monday.\n`);
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    const failingOnB: typeof extractFacts = (article, options) => {
      if (article.source.endsWith('b.txt')) throw new Error('the tagger ran out of patience');
      return extractFacts(article, options);
    };

    expect(await runFacts([dir, '--json'], { extract: failingOnB })).toBe(1);

    expect(out.trim().split('\n').map((l) => JSON.parse(l).source)).toEqual([join(dir, 'a.txt'), join(dir, 'c.txt')]);
    expect(err).toBe(`digest facts: ${join(dir, 'b.txt')}: could not extract its key facts (the tagger ran out of patience)\n`);
  });

  it('rejects unknown flags, bad sentence counts and no input as usage errors', () => {
    expect(() => parseFactsArgs(['a.txt', '--bogus'])).toThrow(UsageError);
    expect(() => parseFactsArgs(['a.txt', '--sentences', 'x'])).toThrow(/--sentences must be a positive whole number/);
    expect(() => parseFactsArgs([])).toThrow(UsageError);
    expect(parseFactsArgs(['a.txt', '--sentences=5'])).toEqual({ inputs: ['a.txt'], sentences: 5, json: false });
  });
});

describe('the facts printers, fed one article at a time', () => {
  const facts = (source: string) => extractFacts({ source, text }, { sentences: 2 });
  const printAll = (printer: FactsPrinter, all: ArticleFacts[]) => all.map((f) => printer.add(f)).join('') + printer.end();
  const some = ['a.txt', 'b.txt', 'c.txt'].map(facts);

  it('print JSON as one pretty object for one article and JSON Lines for several, as printing all at the end would', () => {
    expect(printAll(jsonPrinter(), [])).toBe('');
    expect(printAll(jsonPrinter(), some.slice(0, 1))).toBe(`${JSON.stringify(some[0], null, 2)}\n`);
    expect(printAll(jsonPrinter(), some)).toBe(some.map((f) => `${JSON.stringify(f)}\n`).join(''));
  });

  it('print text blocks with a blank line between them and a final newline, each piece ending in a newline', () => {
    expect(printAll(textPrinter(), [])).toBe('');
    expect(printAll(textPrinter(), some)).toBe(`${some.map(renderFactsText).join('\n\n')}\n`);
    const printer = textPrinter();
    for (const f of some) expect(printer.add(f)).toMatch(/\n$/);
  });
});

describe('digest facts, as a user runs it', () => {
  it('reads an article from stdin for "-"', async () => {
    const result = await runCli(['facts', '-', '--json'], { input: text });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'stdin', summary: expect.arrayContaining(['The river rose two metres overnight.']) });
  });

  it('reads an HTML page through Readability, keeping its title', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-html-'));
    const page = join(dir, 'page.html');
    const paragraph = 'Engineers of the Elmford water board closed the old bridge on Monday after the river rose two metres overnight. ';
    writeFileSync(page, `<!doctype html><html><head><title>Bridge closed</title></head><body><nav>Home · Sport</nav><article><h1>Bridge closed</h1><p>${paragraph.repeat(3)}</p></article></body></html>`);
    const result = await runCli(['facts', page, '--json']);
    expect(result.code).toBe(0);
    const facts = JSON.parse(result.stdout);
    expect(facts.title).toBe('Bridge closed');
    expect(JSON.stringify(facts)).not.toContain('Sport');
  });

  it('names missing, empty and binary inputs on stderr, one line each, still prints the good one, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-bad-'));
    writeFileSync(join(dir, 'good.txt'), text);
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    const result = await runCli(['facts', join(dir, 'missing.txt'), join(dir, 'empty.txt'), join(dir, 'bin.txt'), join(dir, 'good.txt'), '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `digest facts: ${join(dir, 'missing.txt')}: no such file or folder`,
      `digest facts: ${join(dir, 'empty.txt')}: the file is empty`,
      `digest facts: ${join(dir, 'bin.txt')}: binary data, not an article (expected text, HTML or a feed)`,
    ]);
    expect(JSON.parse(result.stdout).source).toBe(join(dir, 'good.txt'));
  });

  it('reads the good files of a folder with a binary and an oversized one, names each bad file in one line, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-folder-'));
    writeFileSync(join(dir, 'a-good.txt'), text);
    writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    writeFileSync(join(dir, 'c-huge.txt'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    const result = await runCli(['facts', dir, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `digest facts: ${join(dir, 'b-binary.txt')}: binary data, not an article (expected text, HTML or a feed)`,
      `digest facts: ${join(dir, 'c-huge.txt')}: 6 MB is larger than the 5 MB limit for an article`,
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: join(dir, 'a-good.txt'), summary: expect.arrayContaining(['The river rose two metres overnight.']) });
  });
});
