/**
 * A progress line on stderr: rewritten in place on a terminal, silent when stderr is a file or
 * a pipe (scripts and CI read only the result and the errors) unless `verbose` is set.
 */
export function progressLine(verbose: boolean): { update: (message: string) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    update(message) {
      if (tty) {
        process.stderr.write(`\r\x1b[2K${message}`);
        shown = true;
      } else if (verbose) process.stderr.write(`${message}\n`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
