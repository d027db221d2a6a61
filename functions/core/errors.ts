/**
 * Errors the edge maps to exit codes and HTTP statuses in one place.
 * `InputError`: the user's input (a file, a field, an argument) is bad: exit 2, one line on stderr.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A command-line usage mistake (unknown flag, missing argument). */
export class UsageError extends InputError {
  override readonly name = 'UsageError';
}
