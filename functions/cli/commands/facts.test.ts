import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError, UsageError } from '../../core/errors.ts';
import { factsCommand, parseFactsArgs, readArticles } from './facts.ts';

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
    writeFileSync(join(dir, 'b.md'), `# Bridge closed\n\n${text}`);
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

  it('reads stdin for "-"', () => {
    expect(readArticles('-', () => text)).toEqual([{ source: '-', text }]);
  });

  it('rejects missing, empty and binary files with an input error naming the file', () => {
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    expect(() => readArticles(join(dir, 'missing.txt'))).toThrow(new InputError(`${join(dir, 'missing.txt')}: no such file or folder`));
    expect(() => readArticles(join(dir, 'empty.txt'))).toThrow(/empty\.txt: empty file/);
    expect(() => readArticles(join(dir, 'bin.txt'))).toThrow(/bin\.txt: binary file/);
  });

  it('rejects unknown flags, bad sentence counts and no input as usage errors', () => {
    expect(() => parseFactsArgs(['a.txt', '--bogus'])).toThrow(UsageError);
    expect(() => parseFactsArgs(['a.txt', '--sentences', 'x'])).toThrow(/--sentences needs a whole number/);
    expect(() => parseFactsArgs([])).toThrow(UsageError);
    expect(parseFactsArgs(['a.txt', '--sentences=5'])).toEqual({ inputs: ['a.txt'], sentences: 5, json: false });
  });
});
