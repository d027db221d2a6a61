#!/usr/bin/env node
import { InputError } from '../core/errors.ts';
import type { Command } from './command.ts';
import { factsCommand } from './commands/facts.ts';
import { nerCommand } from './commands/ner.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { subscribersCommand } from './commands/subscribers.ts';
import { isReaderGone, watchForReaderGone } from './stdout.ts';

const commands: Command[] = [runCommand, factsCommand, nerCommand, subscribersCommand, serveCommand];

const mainHelp = `digest: a self-hosted news digest of the key facts in the day's articles

Usage: digest <command> [options]      (no command: digest run)

Commands:
${commands.map((c) => `  ${c.name.padEnd(13)}${c.summary}`).join('\n')}

Run "digest <command> --help" for the options of a command.`;

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${mainHelp}\n`);
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? runCommand : commands.find((c) => c.name === first);
  const args = first === undefined || first.startsWith('-') ? argv : rest;
  if (!command) {
    process.stderr.write(`digest: unknown command "${first}" (try digest --help)\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // `digest facts DIR | head`: the reader has what it wanted; stopping there is success, and nothing to say.
    if (isReaderGone(error)) return 0;
    if (error instanceof InputError) {
      process.stderr.write(`digest ${command.name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`digest ${command.name}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DIGEST_DEBUG) console.error(error);
    return 1;
  }
}

watchForReaderGone();
process.exitCode = await main(process.argv.slice(2));
