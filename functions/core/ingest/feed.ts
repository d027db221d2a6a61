import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../errors.ts';

/** One entry of an RSS or Atom feed. */
export interface FeedEntry {
  title?: string;
  /** The entry's http(s) link, when it has one. */
  url?: string;
  /** The entry's own id (guid, atom:id), or its link. */
  id?: string;
  /** Full content (content:encoded, atom content) or the description/summary, as HTML. */
  contentHtml?: string;
  publishedAt?: string;
}

export interface ParsedFeed {
  title?: string;
  entries: FeedEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

type Node = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (typeof value === 'object') return text((value as Node)['#text']);
  return undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function date(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const nodes = links.filter((l): l is Node => typeof l === 'object' && l !== null);
  const alternate = nodes.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate');
  return httpUrl(text(alternate?.['@href']));
}

function rssLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    const url = httpUrl(typeof link === 'object' && link !== null ? text((link as Node)['@href']) ?? text(link) : text(link));
    if (url) return url;
  }
  return undefined;
}

function withoutEmpty(entry: FeedEntry): FeedEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as FeedEntry;
}

/** Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed. */
export function parseFeed(xml: string, location: string): ParsedFeed {
  let root: Node;
  try {
    root = parser.parse(xml, true) as Node;
  } catch (error) {
    throw new InputError(`${location}: broken feed XML (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  const atom = root.feed as Node | undefined;
  if (atom && typeof atom === 'object') {
    const entries = ((atom.entry as Node[] | undefined) ?? []).map((entry) => {
      const url = atomLink(entry.link);
      return withoutEmpty({
        title: text(entry.title),
        url,
        id: text(entry.id) ?? url,
        contentHtml: text(entry.content) ?? text(entry.summary),
        publishedAt: date(text(entry.published) ?? text(entry.updated)),
      });
    });
    return { ...(text(atom.title) ? { title: text(atom.title) } : {}), entries };
  }
  const channel = ((root.rss as Node | undefined)?.channel ?? root['rdf:RDF']) as Node | undefined;
  if (!channel || typeof channel !== 'object') throw new InputError(`${location}: not an RSS or Atom feed`);
  const items = ((channel.item as Node[] | undefined) ?? ((root['rdf:RDF'] as Node | undefined)?.item as Node[] | undefined) ?? []);
  const channelTitle = text((channel.channel as Node | undefined)?.title) ?? text(channel.title);
  const entries = items.map((item) => {
    const url = rssLink(item.link);
    const guid = text(item.guid);
    return withoutEmpty({
      title: text(item.title),
      url,
      id: guid ?? url,
      contentHtml: text(item['content:encoded']) ?? text(item.description),
      publishedAt: date(text(item.pubDate) ?? text(item['dc:date'])),
    });
  });
  return { ...(channelTitle ? { title: channelTitle } : {}), entries };
}
