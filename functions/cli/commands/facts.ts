import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError, UsageError } from '../../core/errors.ts';
import { extractFacts } from '../../core/facts/index.ts';
import type { ArticleFacts, EntityFact, PersonFact } from '../../core/facts/types.ts';
import type { Command } from '../command.ts';

const help = `digest facts: the key facts of articles

Usage: digest facts <file|dir|URL|->... [--sentences N] [--json]

Reads each article (.txt or .md files, folders of them, or "-" for stdin) and prints its key facts:
title, key sentences (verbatim, in article order), people with roles, places, organisations,
dates and quantities.

Options:
  --sentences N   how many key sentences to keep (default 3)
  --json          print JSON: one object for one article, JSON Lines with "source" for several
  -h, --help      show this help`;

interface Article {
  source: string;
  text: string;
}

const READABLE = new Set(['.txt', '.md', '.markdown', '.text']);

/**
 * Reads the articles an argument names. The one place the command touches files; the ingest layer
 * (HTML, feeds, URLs) replaces it.
 */
export function readArticles(arg: string, stdin: () => string = () => readFileSync(0, 'utf8')): Article[] {
  if (arg === '-') return [{ source: '-', text: checkText('-', Buffer.from(stdin(), 'utf8')) }];
  if (/^https?:\/\//i.test(arg)) throw new InputError(`${arg}: URLs are not supported by this version of digest facts; save the article as a .txt file`);
  let stat;
  try {
    stat = statSync(arg);
  } catch {
    throw new InputError(`${arg}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    const files = readdirSync(arg, { recursive: true, encoding: 'utf8' })
      .filter((name) => READABLE.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(arg, name))
      .filter((path) => statSync(path).isFile());
    if (files.length === 0) throw new InputError(`${arg}: no .txt or .md articles in this folder`);
    return files.map((path) => ({ source: path, text: checkText(path, readFileSync(path)) }));
  }
  return [{ source: arg, text: checkText(arg, readFileSync(arg)) }];
}

function checkText(source: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new InputError(`${source}: binary file, expected article text`);
  const text = bytes.toString('utf8');
  const replacements = (text.match(/\uFFFD/g) ?? []).length;
  if (replacements > 0 && replacements > text.length / 100) throw new InputError(`${source}: not UTF-8 text`);
  if (text.trim() === '') throw new InputError(`${source}: empty file`);
  return text;
}

export function parseFactsArgs(argv: readonly string[]): { inputs: string[]; sentences: number; json: boolean } {
  const inputs: string[] = [];
  let sentences = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--sentences' || arg.startsWith('--sentences=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
        throw new UsageError(`--sentences needs a whole number from 1 to 100, got ${value === undefined ? 'nothing' : `"${value}"`}`);
      }
      sentences = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}" (try digest facts --help)`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new UsageError('no article given (a file, a folder, a URL or - for stdin)');
  return { inputs, sentences, json };
}

function entityLine(label: string, entities: readonly (EntityFact | PersonFact)[]): string {
  if (entities.length === 0) return `${label}: none`;
  const items = entities.map((e) => {
    const details = ['role' in e && e.role ? e.role : undefined, e.aliases.length ? `also ${e.aliases.join(', ')}` : undefined]
      .filter(Boolean)
      .join('; ');
    return details ? `${e.name} (${details})` : e.name;
  });
  return `${label}: ${items.join(' · ')}`;
}

/** The readable rendering of one article's facts. */
export function renderFactsText(facts: ArticleFacts): string {
  const lines = [facts.title, `${facts.source} · ${facts.wordCount} words`, '', 'Key sentences:'];
  facts.summary.forEach((s) => lines.push(`  • ${s}`));
  lines.push(
    '',
    entityLine('People', facts.people),
    entityLine('Places', facts.places),
    entityLine('Organisations', facts.organizations),
    `Dates: ${facts.dates.length ? facts.dates.map((d) => (d.iso ? `${d.text} (${d.iso})` : d.text)).join(' · ') : 'none'}`,
    `Quantities: ${facts.quantities.length ? facts.quantities.map((q) => q.text).join(' · ') : 'none'}`,
  );
  return lines.join('\n');
}

export const factsCommand: Command = {
  name: 'facts',
  summary: 'print the key facts of articles (text or JSON)',
  help,
  async run(argv) {
    const { inputs, sentences, json } = parseFactsArgs(argv);
    const articles = inputs.flatMap((input) => readArticles(input));
    const all = articles.map((a) => extractFacts({ source: a.source, text: a.text }, { sentences }));
    if (json) {
      const out = all.length === 1 ? `${JSON.stringify(all[0], null, 2)}\n` : all.map((f) => `${JSON.stringify(f)}\n`).join('');
      process.stdout.write(out);
    } else {
      process.stdout.write(`${all.map(renderFactsText).join('\n\n')}\n`);
    }
    return 0;
  },
};
