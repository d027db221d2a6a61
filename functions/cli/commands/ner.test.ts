import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tagConllStream } from './ner.ts';

const root = new URL('../../../', import.meta.url).pathname;

// A made-up two-document input: first column is the token, other columns are ignored.
const inputLines = [
  '-DOCSTART- -X- -X- O',
  '',
  'Prime X X',
  'Minister X X',
  'Olivia X X',
  'Brandt X X',
  'visited X X',
  'Toronto X X',
  '. X X',
  '',
  'Brandt',
  'spoke',
  'to',
  'reporters',
  '.',
  '',
  '-DOCSTART- -X- -X- O',
  '',
  'Shares',
  'of',
  'Microsoft',
  'rose',
  '.',
  '',
];
const input = `${inputLines.join('\n')}\n`;

function parseOutput(text: string): string[] {
  return text.split('\n');
}

async function* linesOf(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

describe('digest ner --format conll', () => {
  it('tags tokens in process, keeping blank lines and document markers in place', async () => {
    let output = '';
    await tagConllStream(linesOf(inputLines), (text) => {
      output += text;
    });
    const lines = parseOutput(output);
    // Same line structure: one output line per input line (plus the final newline).
    expect(lines.length).toBe(inputLines.length + 1);
    inputLines.forEach((line, i) => {
      if (line.trim() === '') expect(lines[i]).toBe('');
      else if (line.startsWith('-DOCSTART-')) expect(lines[i]).toBe('-DOCSTART-\tO');
      else expect(lines[i]!.split('\t')[0]).toBe(line.split(' ')[0]);
    });
    const tagOf = (token: string) => lines.find((l) => l.startsWith(`${token}\t`))?.split('\t')[1];
    expect(tagOf('Olivia')).toBe('B-PER');
    expect(tagOf('Toronto')).toBe('B-LOC');
    expect(tagOf('Microsoft')).toBe('B-ORG');
    expect(lines.filter((l) => l.includes('\t')).every((l) => /^\S+\t(O|[BI]-(PER|LOC|ORG|MISC))$/.test(l))).toBe(true);
  });

  it('runs end to end through the CLI', () => {
    const result = spawnSync('npx', ['tsx', 'functions/cli/main.ts', 'ner', '--format', 'conll'], {
      cwd: root,
      input,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = parseOutput(result.stdout);
    expect(lines.length).toBe(inputLines.length + 1);
    expect(lines[0]).toBe('-DOCSTART-\tO');
    expect(lines[4]).toBe('Olivia\tB-PER');
    expect(lines[5]).toBe('Brandt\tI-PER');
  });

  it('rejects an unknown format with exit code 2 and one line on stderr', () => {
    const result = spawnSync('npx', ['tsx', 'functions/cli/main.ts', 'ner', '--format', 'json'], {
      cwd: root,
      input: '',
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--format');
  });

  it('prints its help', () => {
    const result = spawnSync('npx', ['tsx', 'functions/cli/main.ts', 'ner', '--help'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('digest ner --format conll');
  });
});
