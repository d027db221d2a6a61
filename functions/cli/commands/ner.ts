import { createInterface } from 'node:readline';
import { UsageError } from '../../core/errors.ts';
import { getTagger } from '../../core/facts/ner/index.ts';
import type { Command } from '../command.ts';
import { writeOut } from '../stdout.ts';

const help = `digest ner --format conll: tag named entities in CoNLL-formatted text

Usage: digest ner [--format conll] < tokens.txt

Reads one token per line on stdin (the first white-space column; any other columns are ignored), a blank
line between sentences and -DOCSTART- lines between documents. Prints "token<TAB>tag" per line with IOB2
tags (B-/I- PER, LOC, ORG, MISC, or O), the same blank lines, and "-DOCSTART-<TAB>O" for each document
marker. Each document is tagged as a whole, so names are labelled consistently across its sentences.

Options:
  --format conll   input and output format (the only one, and the default)
  -h, --help       show this help`;

function parseArgs(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--format=') ? ['--format', arg.slice('--format='.length)] : [arg, undefined];
    if (flag !== '--format') throw new UsageError(`unknown argument "${arg}" (try digest ner --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError('--format needs a value: conll');
    if (value !== 'conll') throw new UsageError(`unsupported --format "${value}": only conll`);
  }
}

type Line = { kind: 'token'; text: string } | { kind: 'blank' } | { kind: 'docstart' };

/**
 * Tags CoNLL lines from `lines`, one document at a time, writing the output through `write`; an async `write`
 * is awaited, so a slow reader slows the tagging and a write that throws stops it.
 */
export async function tagConllStream(lines: AsyncIterable<string>, write: (text: string) => void | Promise<void>): Promise<void> {
  const tagger = getTagger();
  let pending: Line[] = [];
  const flush = async () => {
    const sentences: string[][] = [[]];
    for (const line of pending) {
      if (line.kind === 'token') sentences[sentences.length - 1]!.push(line.text);
      else if (line.kind === 'blank' && sentences[sentences.length - 1]!.length > 0) sentences.push([]);
    }
    const tags = tagger.tagDocument(sentences.filter((s) => s.length > 0));
    let s = 0;
    let i = 0;
    const out: string[] = [];
    for (const line of pending) {
      if (line.kind === 'docstart') out.push('-DOCSTART-\tO');
      else if (line.kind === 'blank') {
        out.push('');
        if (i > 0) {
          s++;
          i = 0;
        }
      } else out.push(`${line.text}\t${tags[s]![i++]!}`);
    }
    if (out.length > 0) await write(`${out.join('\n')}\n`);
    pending = [];
  };
  for await (const raw of lines) {
    const text = raw.trim().split(/\s+/)[0] ?? '';
    if (text === '') pending.push({ kind: 'blank' });
    else if (text === '-DOCSTART-') {
      await flush();
      pending.push({ kind: 'docstart' });
    } else pending.push({ kind: 'token', text });
  }
  await flush();
}

export const nerCommand: Command = {
  name: 'ner',
  summary: 'tag people, places, organisations in CoNLL token-per-line text',
  help,
  async run(argv) {
    parseArgs(argv);
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    const chunks: string[] = [];
    let size = 0;
    // Output goes out in pieces of about 64 KB: far fewer writes than one per document.
    await tagConllStream(lines, async (text) => {
      chunks.push(text);
      size += text.length;
      if (size > 1 << 16) {
        const piece = chunks.join('');
        chunks.length = 0;
        size = 0;
        await writeOut(piece);
      }
    });
    await writeOut(chunks.join(''));
    return 0;
  },
};
