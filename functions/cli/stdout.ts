/**
 * stdout for a command whose output may be piped to a reader that leaves early: `digest facts DIR | head`.
 * A closed pipe (EPIPE) is that reader saying it has had enough, not a failure. Unix tools die quietly of
 * SIGPIPE there; Node ignores SIGPIPE and reports an error instead, so the CLI does the same by hand:
 * the command stops at its next write, prints nothing more and exits 0.
 */
import { once } from 'node:events';

let readerGone = false;

/** Thrown by `writeOut` once stdout's reader has gone; main ends the command quietly, with exit code 0. */
export class ReaderGone extends Error {
  override readonly name = 'ReaderGone';
  constructor() {
    super('stdout was closed by its reader');
  }
}

/** True for `ReaderGone` and for the error Node gives a write to a closed pipe. */
export function isReaderGone(error: unknown): boolean {
  return error instanceof ReaderGone || (error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE';
}

/**
 * Called once, before any command writes. Without a listener Node turns the closed pipe into an uncaught
 * 'error' event (a stack trace, exit 1); this one notes that the reader has gone, for `writeOut`, and lets
 * any plain `process.stdout.write` after it be dropped. Any other stdout error stays fatal.
 */
export function watchForReaderGone(): void {
  process.stdout.on('error', (error) => {
    if (!isReaderGone(error)) throw error;
    readerGone = true;
  });
}

/**
 * Writes to stdout, waiting when the pipe is full, so output for a slow reader (| less) does not pile up in
 * memory. Throws (`ReaderGone`, or the EPIPE error itself while it waits) once the reader has gone, so a
 * command streaming article after article stops reading and working instead of printing to no one.
 */
export async function writeOut(text: string): Promise<void> {
  if (readerGone) throw new ReaderGone();
  if (text !== '' && !process.stdout.write(text)) await once(process.stdout, 'drain');
}
