import { DEFAULT_SENTENCES } from '../../config.ts';
import { HttpFetcher } from '../../adapters/http-fetcher.ts';
import { LocalReader } from '../../adapters/local-reader.ts';
import { extractOrFail } from '../../core/article-facts.ts';
import { UsageError } from '../../core/errors.ts';
import { extractFacts } from '../../core/facts/index.ts';
import type { ArticleFacts, EntityFact, PersonFact } from '../../core/facts/types.ts';
import { ingestEach, type IngestFailure } from '../../core/ingest/ingest.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import type { Command } from '../command.ts';
import { progressLine } from '../progress.ts';
import { writeOut } from '../stdout.ts';

const help = `digest facts: the key facts of articles

Usage: digest facts <file|dir|URL|->... [--sentences N] [--json]

Reads each article (.txt, .md or .html files, folders of them, http(s) URLs of articles or of
RSS/Atom feeds, or "-" for stdin) and prints its key facts: title, key sentences (verbatim, in
article order), people with roles, places, organisations, dates and quantities, each tied to the
sentence it came from.

Options:
  --sentences N   how many key sentences to keep (default ${DEFAULT_SENTENCES})
  --json          print JSON: one object for one article, JSON Lines with "source" for several
  -h, --help      show this help

An input that cannot be read, or whose facts cannot be extracted, is named on stderr and skipped;
the others are still printed.
Exit codes: 0 all read, 2 only bad inputs failed (missing, empty, binary, not an article),
1 any other failure (a URL that could not be fetched, an article whose facts could not be extracted).`;

export function parseFactsArgs(argv: string[]): { inputs: string[]; sentences: number; json: boolean } {
  const { values, positionals } = parseCommandArgs(argv, {
    sentences: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length === 0) throw new UsageError('no article given (a file, a folder, a URL or - for stdin)');
  return { inputs: positionals, sentences: positiveInteger(values.sentences, '--sentences') ?? DEFAULT_SENTENCES, json: values.json };
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

/**
 * Turns the facts of each article, as it comes, into the text to print: the output is streamed, and
 * byte for byte what printing them all at the end would give. Every piece ends with a newline, so a
 * progress line on the same terminal never overwrites output.
 */
export interface FactsPrinter {
  add(facts: ArticleFacts): string;
  end(): string;
}

/** Article blocks with a blank line between them. */
export function textPrinter(): FactsPrinter {
  let printed = 0;
  return {
    add: (facts) => `${printed++ > 0 ? '\n' : ''}${renderFactsText(facts)}\n`,
    end: () => '',
  };
}

/**
 * One pretty-printed object for exactly one article, JSON Lines (one compact object a line) for several:
 * the first article is held back until a second one comes or the input ends.
 */
export function jsonPrinter(): FactsPrinter {
  let heldBack: ArticleFacts | undefined;
  let count = 0;
  const line = (facts: ArticleFacts) => `${JSON.stringify(facts)}\n`;
  return {
    add(facts) {
      count += 1;
      if (count === 1) {
        heldBack = facts;
        return '';
      }
      const first = heldBack ? line(heldBack) : '';
      heldBack = undefined;
      return first + line(facts);
    },
    end: () => (heldBack ? `${JSON.stringify(heldBack, null, 2)}\n` : ''),
  };
}

/** "facts: 120 articles, 68,412 words" on a terminal's stderr from the second article on; nothing when stderr is not a terminal. */
function factsProgress() {
  const line = progressLine(false);
  let articles = 0;
  let words = 0;
  return {
    counted(facts: ArticleFacts) {
      articles += 1;
      words += facts.wordCount;
    },
    /** Clears the line before other output, so the output shows above it when it is drawn again. */
    clear: () => line.done(),
    show() {
      if (articles > 1) line.update(`facts: ${articles.toLocaleString('en-US')} articles, ${words.toLocaleString('en-US')} words`);
    },
  };
}

/** What `digest facts` works with; tests pass their own. */
export interface FactsDeps {
  /** The key-fact engine. @default extractFacts */
  extract?: typeof extractFacts;
}

export const factsCommand: Command = {
  name: 'facts',
  summary: 'print the key facts of articles (text or JSON)',
  help,
  run: (argv) => runFacts(argv),
};

/** `digest facts` with its command-line arguments; the exit code as the help text gives it. */
export async function runFacts(argv: string[], { extract = extractFacts }: FactsDeps = {}): Promise<number> {
  const { inputs, sentences, json } = parseFactsArgs(argv);
  const fetcher = new HttpFetcher();
  const printer = json ? jsonPrinter() : textPrinter();
  const progress = factsProgress();
  const failures: IngestFailure[] = [];
  // Read, extract and print one article at a time: memory stays that of one article, however many there are.
  for await (const item of ingestEach(inputs, { reader: new LocalReader(fetcher), fetcher })) {
    const result = 'failure' in item ? item : extractOrFail(item.article, { sentences }, extract);
    if ('failure' in result) {
      failures.push(result.failure);
      progress.clear();
      process.stderr.write(`digest facts: ${result.failure.message}\n`);
    } else {
      progress.counted(result.facts);
      progress.clear();
      await writeOut(printer.add(result.facts));
    }
    progress.show();
  }
  progress.clear();
  await writeOut(printer.end());
  if (failures.length === 0) return 0;
  return failures.every((f) => f.badInput) ? 2 : 1;
}
