import { readFile } from 'node:fs/promises';
import { DEFAULT_OUT_DIR, openLocalStore } from '../../adapters/local-store.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { addressesFromCsv, normaliseAddress } from '../../core/subscriptions/address.ts';
import { importConfirmed } from '../../core/subscriptions/import.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const help = `Usage: digest subscribers <add|remove|list> [options]

  digest subscribers add --confirmed <address|file.csv>... [--name NAME]
      Import addresses that already opted in (no confirmation mail). A .csv file is read
      for its "email" column (or its first column). Suppressed addresses are refused.
  digest subscribers remove <address>...
      Delete addresses from the store.
  digest subscribers list [--json]
      Every address with its state: pending, confirmed, unsubscribed, suppressed.

Options:
  --out DIR   local store folder (default: ${DEFAULT_OUT_DIR})
  -h, --help  show this help`;

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
    });
    const store = openLocalStore(values.out);
    switch (action) {
      case 'add':
        return add(store, positionals, values.confirmed, values.name);
      case 'remove':
        return remove(store, positionals);
      case 'list':
        return list(store, values.json);
      default:
        throw new UsageError(action ? `unknown action "${action}" (add, remove or list)` : 'missing action: add, remove or list');
    }
  },
};

async function add(store: ReturnType<typeof openLocalStore>, inputs: string[], confirmed: boolean, name?: string): Promise<number> {
  if (!confirmed) {
    throw new UsageError('add needs --confirmed: it imports addresses that already opted in (new readers subscribe through the double opt-in form)');
  }
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
    const { outcome, subscriber } = importConfirmed(await store.subscribers.get(email), email, now, name);
    if (subscriber) await store.subscribers.put(subscriber);
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
  for (const s of subscribers) process.stdout.write(`${s.email.padEnd(width)}  ${s.state.padEnd(12)}  since ${s.createdAt.slice(0, 10)}\n`);
  const confirmed = subscribers.filter((s) => s.state === 'confirmed').length;
  process.stdout.write(`${subscribers.length} addresses, ${confirmed} confirmed\n`);
  return 0;
}
