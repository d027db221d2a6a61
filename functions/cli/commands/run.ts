import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { HttpFetcher } from '../../adapters/http-fetcher.ts';
import { LocalReader } from '../../adapters/local-reader.ts';
import { DEFAULT_OUT_DIR, openLocalStore, type LocalStore } from '../../adapters/local-store.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import type { DeliveryReport } from '../../core/digest/deliver.ts';
import { issuePagePath } from '../../core/digest/links.ts';
import { composeDigestMail } from '../../core/digest/mail.ts';
import { runDigest, type RunSummary } from '../../core/digest/run.ts';
import { signToken } from '../../core/subscriptions/tokens.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { BUNDLED_EXAMPLES_DIR, resolveConfig } from '../local-config.ts';
import { progressLine } from '../progress.ts';

const help = `Usage: digest run [paths-or-URLs...] [--config FILE] [--out DIR]

One full digest run on the local store: read the sources, extract each new article's key
facts, publish the next issue to DIR/archive/ and mail it to the confirmed subscribers as
.eml files in DIR/outbox/ (with no subscribers: DIR/outbox/preview.eml).

Sources: .txt, .md and .html files, folders of them, and http(s) URLs of articles or of
RSS/Atom feeds. Without any, the config's sources are used; without a config, the bundled
example article. Articles digested before are skipped (DIR/state/seen.json).

Options:
  --config FILE   digest config (default: ./digest.config.json when present)
  --out DIR       local store folder (default: ${DEFAULT_OUT_DIR})
  --verbose       print each step on stderr even when it is not a terminal
  -h, --help      show this help

Exit codes: 0 done (also when there was nothing new), 1 the run failed, 2 bad input.`;

export const runCommand: Command = {
  name: 'run',
  summary: 'one full digest run: ingest, facts, publish, mail',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      config: { type: 'string' },
      out: { type: 'string', default: DEFAULT_OUT_DIR },
      verbose: { type: 'boolean', default: false },
    });
    const { config } = resolveConfig(values.config);
    const sources = positionals.length > 0 ? positionals : config.sources.length > 0 ? config.sources : [BUNDLED_EXAMPLES_DIR];
    const store = openLocalStore(values.out);
    const templates = await loadTemplates(config.templates);
    const fetcher = new HttpFetcher();
    const tokenKey = await store.tokenKey();
    const progress = progressLine(values.verbose);
    const summary = await runDigest(
      {
        sources,
        digestTitle: config.title,
        sender: config.sender,
        siteUrl: config.siteUrl,
        sentences: config.sentences,
        runId: `${hostname()}:${process.pid}`,
      },
      {
        reader: new LocalReader(fetcher),
        fetcher,
        archive: store.archive,
        seen: store.seen,
        subscribers: store.subscribers,
        ledger: store.ledger,
        mailer: store.outbox,
        lease: store.lease,
        clock: { now: () => new Date() },
        templates,
        tokenKey,
        onProgress: (message) => progress.update(`digest: ${message}…`),
      },
    );
    progress.done();
    return report(summary, store, async () => {
      if (!summary.issue) return undefined;
      const raw = await composeDigestMail({
        issue: summary.issue,
        site: { digestTitle: config.title, siteUrl: config.siteUrl },
        templates,
        sender: config.sender,
        to: 'preview@example.invalid',
        unsubscribeToken: signToken({ purpose: 'unsubscribe', email: 'preview@example.invalid' }, tokenKey),
      });
      return store.outbox.writePreview(raw);
    });
  },
};

async function report(summary: RunSummary, store: LocalStore, writePreview: () => Promise<string | undefined>): Promise<number> {
  const show = (path: string) => relative(process.cwd(), path) || '.';
  if (summary.status === 'busy') {
    process.stdout.write(`Another digest run is using ${show(store.paths.root)}; this one did nothing. Try again when it has finished.\n`);
    return 0;
  }
  if (summary.resumed) {
    const { issue, delivery } = summary.resumed;
    process.stdout.write(`Issue ${issue.number} resumed (an earlier run stopped before everyone had it):\n${mailLine(issue.number, delivery, show(store.paths.outbox))}\n`);
  }
  if (summary.status === 'nothing-new') {
    process.stdout.write(`Nothing new: all ${summary.articlesIn} article${summary.articlesIn === 1 ? ' was' : 's were'} digested before. No issue published, no mail sent.\n`);
    return 0;
  }
  if (summary.status === 'no-articles') {
    for (const failure of summary.failures) process.stderr.write(`digest run: ${failure.message}\n`);
    if (summary.failures.length > 0 && summary.failures.every((f) => f.badInput)) return 2;
    process.stderr.write('digest run: no article could be read; nothing published.\n');
    return 1;
  }
  for (const failure of summary.failures) process.stderr.write(`digest run: skipped ${failure.message}\n`);
  const { issue, delivery } = summary;
  if (!issue || !delivery) return 1;
  const { stats } = issue;
  const lines = [
    `Issue ${issue.number} published: ${stats.articles} article${stats.articles === 1 ? '' : 's'}, ${stats.people} people, ${stats.places} places, ${stats.organizations} organisations.`,
    `  issue page  ${show(join(store.paths.archive, issuePagePath(issue.number)))}`,
    `  archive     ${show(join(store.paths.archive, 'index.html'))}`,
    `  feed        ${show(join(store.paths.archive, 'feed.xml'))}`,
  ];
  if (delivery.recipients === 0) {
    const preview = await writePreview();
    lines.push(`  mail        no confirmed subscribers; preview in ${show(preview ?? store.paths.outbox)}`);
  } else {
    lines.push(mailLine(issue.number, delivery, show(store.paths.outbox)));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** One summary line for a delivery; failed and in-doubt recipients are listed on stderr. */
function mailLine(issueNumber: number, delivery: DeliveryReport, outbox: string): string {
  for (const failed of delivery.failed) process.stderr.write(`digest run: could not mail ${failed.email}: ${failed.error} (the next run retries)\n`);
  if (delivery.inDoubt.length > 0) {
    process.stderr.write(
      `digest run: ${delivery.inDoubt.length} send(s) of issue ${issueNumber} were interrupted and may or may not have gone out; ` +
        `they are not resent, so no one gets the issue twice:\n${delivery.inDoubt.map((email) => `  ${email}\n`).join('')}`,
    );
  }
  const parts = [`${delivery.sent} sent to ${outbox}/`, `${delivery.skipped} already sent`];
  if (delivery.failed.length > 0) parts.push(`${delivery.failed.length} failed`);
  if (delivery.inDoubt.length > 0) parts.push(`${delivery.inDoubt.length} in doubt`);
  return `  mail        ${parts.join(', ')}`;
}
