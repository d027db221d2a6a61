/** Documents read ahead of the one being worked on: their I/O overlaps the work, memory stays that of a few. */
export const READ_AHEAD = 2;

/**
 * The results of `read` over `items`, in order, with up to `depth` reads started ahead of the one given
 * out: the next files' disk or network time overlaps the work on the current one. `read` must report a
 * failure as a value, not reject: a rejection would go unheard until its turn.
 */
export async function* readAhead<T, R>(items: Iterable<T> | AsyncIterable<T>, read: (item: T) => Promise<R>, depth = READ_AHEAD): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for await (const item of items) {
    pending.push(read(item));
    if (pending.length > depth) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
