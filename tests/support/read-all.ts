/** Collecting what a streaming reader yields, for assertions on the whole (Array.fromAsync needs Node 22). */
import type { RawDocument } from '../../functions/core/model.ts';
import type { DocumentRead, DocumentReader } from '../../functions/ports.ts';

export async function readAll(reader: DocumentReader, location: string): Promise<DocumentRead[]> {
  const reads: DocumentRead[] = [];
  for await (const read of reader.read(location)) reads.push(read);
  return reads;
}

/** Each read as its location and either its body or its error message: one line to compare. */
export function describeReads(reads: readonly DocumentRead[]): [string, string][] {
  return reads.map((read) =>
    'document' in read ? [read.document.location, read.document.body] : [read.location, `error: ${read.error instanceof Error ? read.error.message : String(read.error)}`],
  );
}

/** The documents a reader yields; a read that failed fails the test with its own error. */
export async function readDocuments(reader: DocumentReader, location: string): Promise<RawDocument[]> {
  return (await readAll(reader, location)).map((read) => {
    if ('error' in read) throw read.error;
    return read.document;
  });
}
