import type { RawDocument } from '../model.ts';

export type DocumentKind = 'feed' | 'html' | 'text';

/** Decides how to read a document: by its content type when a server gave one, by its first bytes, by its extension. */
export function sniffDocumentKind(doc: RawDocument): DocumentKind {
  const type = doc.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const head = doc.body.slice(0, 1024).trimStart().toLowerCase();
  if (/(rss|atom)\+xml/.test(type) || /<(rss|feed|rdf:rdf)[\s>]/.test(head)) return 'feed';
  if (type.includes('xml') && head.startsWith('<?xml') && /<(rss|feed|rdf:rdf)[\s>]/.test(doc.body.slice(0, 4096).toLowerCase()))
    return 'feed';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (/\.x?html?$/i.test(pathOf(doc.location))) return 'html';
  if (/\.(xml|rss|atom)$/i.test(pathOf(doc.location)) && head.startsWith('<')) return 'feed';
  return 'text';
}

/** The path part of a URL, or a local path as it is (parsing one as a URL would throw, which costs more than all the sniffing). */
function pathOf(location: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  try {
    return new URL(location).pathname;
  } catch {
    return location;
  }
}
