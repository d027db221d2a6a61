import { DEFAULT_SENTENCES } from '../../config.ts';
import { HttpFetcher } from '../../adapters/http-fetcher.ts';
import { LocalReader } from '../../adapters/local-reader.ts';
import { UsageError } from '../../core/errors.ts';
import { extractFacts } from '../../core/facts/index.ts';
import type { ArticleFacts, EntityFact, PersonFact } from '../../core/facts/types.ts';
import { ingest } from '../../core/ingest/ingest.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import type { Command } from '../command.ts';

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

An input that cannot be read is named on stderr and skipped; the others are still printed.
Exit codes: 0 all read, 2 an input was bad (missing, empty, binary, not an article).`;

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

export const factsCommand: Command = {
  name: 'facts',
  summary: 'print the key facts of articles (text or JSON)',
  help,
  async run(argv) {
    const { inputs, sentences, json } = parseFactsArgs(argv);
    const fetcher = new HttpFetcher();
    const { articles, failures } = await ingest(inputs, { reader: new LocalReader(fetcher), fetcher });
    const all = articles.map((article) => extractFacts(article, { sentences }));
    if (json) {
      const out = all.length === 1 ? `${JSON.stringify(all[0], null, 2)}\n` : all.map((f) => `${JSON.stringify(f)}\n`).join('');
      process.stdout.write(out);
    } else if (all.length > 0) {
      process.stdout.write(`${all.map(renderFactsText).join('\n\n')}\n`);
    }
    for (const failure of failures) process.stderr.write(`digest facts: ${failure.message}\n`);
    if (failures.length === 0) return 0;
    return failures.every((f) => f.badInput) ? 2 : 1;
  },
};
