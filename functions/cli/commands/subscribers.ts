import { readFile } from 'node:fs/promises';
import { DEFAULT_OUT_DIR, openLocalStore } from '../../adapters/local-store.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { addressesFromCsv, normaliseAddress } from '../../core/subscriptions/address.ts';
import { changeAddress } from '../../core/subscriptions/change-address.ts';
import { importConfirmed } from '../../core/subscriptions/import.ts';
import { startSubscription } from '../../core/subscriptions/service.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import { resolveConfig } from '../local-config.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const help = `Usage: digest subscribers <add|remove|list> [options]

  digest subscribers add <address>... [--name NAME] [--config FILE]
      Start a double opt-in, as the subscribe form does: the address becomes pending and a
      confirmation mail goes to DIR/outbox/ (at most one per address a day).
  digest subscribers add --confirmed <address|file.csv>... [--name NAME]
      Import addresses that already opted in (no confirmation mail). A .csv file is read
      for its "email" column (or its first column). Suppressed addresses are refused.
  digest subscribers remove <address>...
      Delete addresses from the store.
  digest subscribers list [--json]
      Every address with its state: pending, confirmed, unsubscribed, suppressed.

Options:
  --out DIR       local store folder (default: ${DEFAULT_OUT_DIR})
  --config FILE   digest config, for the confirmation mail (default: ./digest.config.json when present)
  -h, --help      show this help`;

export const subscribersCommand: Command = {
  name: 'subscribers',
  summary: 'add, remove and list the subscribers of the local store',
  help,
  async run(argv) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, {
      out: { type: 'string', default: DEFAULT_OUT_DIR },
      confirmed: { type: 'boolean', default: false },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      config: { type: 'string' },
    });
    const store = openLocalStore(values.out);
    switch (action) {
      case 'add':
        return values.confirmed ? add(store, positionals, values.name) : invite(store, positionals, values.config, values.name);
      case 'remove':
        return remove(store, positionals);
      case 'list':
        return list(store, values.json);
      default:
        throw new UsageError(action ? `unknown action "${action}" (add, remove or list)` : 'missing action: add, remove or list');
    }
  },
};

/** The same double opt-in as POST /api/subscribe, but the owner sees what happened to each address. */
async function invite(store: ReturnType<typeof openLocalStore>, inputs: string[], configPath: string | undefined, name?: string): Promise<number> {
  if (inputs.length === 0) throw new UsageError('add: give at least one address (or --confirmed to import a CSV of addresses that already opted in)');
  const emails = inputs.map((input) => {
    if (/\.(csv|tsv|txt)$/i.test(input)) throw new UsageError(`${input}: files are imported with --confirmed only; confirmation mails go to one address at a time`);
    const email = normaliseAddress(input);
    if (!email) throw new InputError(`not an email address: "${input}"`);
    return email;
  });
  const { config } = resolveConfig(configPath);
  const deps = {
    subscribers: store.subscribers,
    mailer: store.outbox,
    clock: { now: () => new Date() },
    templates: await loadTemplates(config.templates),
    tokenKey: await store.tokenKey(),
    site: { digestTitle: config.title, siteUrl: config.siteUrl },
    sender: config.sender,
  };
  const said = {
    created: 'pending, confirmation mail written to the outbox',
    resent: 'still pending, a new confirmation mail written to the outbox',
    resubscribed: 'was unsubscribed, now pending; confirmation mail written to the outbox',
    'recently-sent': 'pending; a confirmation mail went out in the last 24 hours, none sent now',
    'already-confirmed': 'already confirmed, nothing sent',
    suppressed: 'suppressed (bounce or complaint), nothing sent; remove it first to add it deliberately',
  } as const;
  for (const email of emails) {
    const { outcome } = await startSubscription(email, name, deps);
    process.stdout.write(`${email}: ${said[outcome]}\n`);
  }
  return 0;
}

async function add(store: ReturnType<typeof openLocalStore>, inputs: string[], name?: string): Promise<number> {
  if (inputs.length === 0) throw new UsageError('add: give at least one address or .csv file');
  const addresses: string[] = [];
  for (const input of inputs) {
    if (/\.(csv|tsv|txt)$/i.test(input)) {
      let text: string;
      try {
        text = await readFile(input, 'utf8');
      } catch (error) {
        throw new InputError(`${input}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
      }
      const { addresses: found, invalid } = addressesFromCsv(text);
      for (const bad of invalid) process.stderr.write(`digest subscribers: ${input}:${bad.line}: not an email address: "${bad.value.slice(0, 80)}" (skipped)\n`);
      addresses.push(...found);
    } else {
      const address = normaliseAddress(input);
      if (!address) throw new InputError(`not an email address: "${input}"`);
      addresses.push(address);
    }
  }
  const counts = { added: 0, confirmed: 0, unchanged: 0, 'refused-suppressed': 0 };
  const now = new Date();
  for (const email of addresses) {
    const { outcome } = (await changeAddress(store.subscribers, email, (current) => importConfirmed(current, email, now, name))).change;
    if (outcome === 'refused-suppressed') process.stderr.write(`digest subscribers: ${email} is suppressed (bounce or complaint); remove it first to re-import it deliberately\n`);
    counts[outcome] += 1;
  }
  process.stdout.write(
    `${counts.added} added, ${counts.confirmed} confirmed, ${counts.unchanged} already subscribed, ${counts['refused-suppressed']} refused (suppressed)\n`,
  );
  return 0;
}

async function remove(store: ReturnType<typeof openLocalStore>, inputs: string[]): Promise<number> {
  if (inputs.length === 0) throw new UsageError('remove: give at least one address');
  for (const input of inputs) {
    const email = normaliseAddress(input) ?? input.trim().toLowerCase();
    const removed = await store.subscribers.remove(email);
    process.stdout.write(`${email}: ${removed ? 'removed' : 'not found'}\n`);
  }
  return 0;
}

async function list(store: ReturnType<typeof openLocalStore>, json: boolean): Promise<number> {
  const subscribers = await store.subscribers.list();
  if (json) {
    process.stdout.write(`${JSON.stringify(subscribers, null, 2)}\n`);
    return 0;
  }
  if (subscribers.length === 0) {
    process.stdout.write('No subscribers yet.\n');
    return 0;
  }
  const width = Math.max(...subscribers.map((s) => s.email.length));
  for (const s of subscribers) {
    const why = s.state === 'suppressed' && s.suppressedReason ? `  (${s.suppressedReason.replace(/\p{C}+/gu, ' ')})` : '';
    process.stdout.write(`${s.email.padEnd(width)}  ${s.state.padEnd(12)}  since ${s.createdAt.slice(0, 10)}${why}\n`);
  }
  const count = (state: string) => subscribers.filter((s) => s.state === state).length;
  process.stdout.write(
    `${subscribers.length} addresses: ${count('confirmed')} confirmed, ${count('pending')} pending, ${count('unsubscribed')} unsubscribed, ${count('suppressed')} suppressed\n`,
  );
  return 0;
}
