import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import type { RawDocument } from '../model.ts';
import type { DocumentRead, DocumentReader, Fetcher } from '../../ports.ts';
import { ingest, ingestEach, type Ingested } from './ingest.ts';

const longText = (topic: string) =>
  Array.from({ length: 30 }, (_, i) => `Sentence ${i} explains how the ${topic} project moved forward this week.`).join(' ');

/** A reader of made-up locations: each gives its reads in order, or throws its error as the location's own. */
function readerOf(locations: Record<string, (RawDocument | DocumentRead)[] | Error>): DocumentReader & { handedOut: string[] } {
  const handedOut: string[] = [];
  return {
    handedOut,
    async *read(location) {
      const found = locations[location];
      if (found === undefined) throw new InputError(`${location}: no such file or folder`);
      if (found instanceof Error) throw found;
      for (const item of found) {
        const read = 'body' in item ? { document: item } : item;
        handedOut.push('document' in read ? read.document.location : read.location);
        yield read;
      }
    },
  };
}

function fetcherOf(pages: Record<string, string>): Fetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(url) {
      calls.push(url);
      const body = pages[url];
      if (body === undefined) throw new Error(`${url}: HTTP 404`);
      return { location: url, contentType: 'text/html', body };
    },
  };
}

const htmlPage = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${longText(title)}</p><p>${longText('second')}</p></article></body></html>`;

describe('ingest', () => {
  it('reads a text file as one untitled article identified by its content', async () => {
    const reader = readerOf({ 'a.txt': [{ location: 'a.txt', body: 'The council met. It voted.' }] });
    const { articles, failures } = await ingest(['a.txt'], { reader, fetcher: fetcherOf({}) });
    expect(failures).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ source: 'a.txt', text: 'The council met. It voted.' });
    expect(articles[0]?.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(articles[0]?.title).toBeUndefined();
  });

  it('takes full feed content as the article and fetches the page of a teaser-only entry', async () => {
    const feed = `<rss version="2.0"><channel><title>F</title>
      <item><title>Full</title><link>https://n.example/full</link><description><![CDATA[<p>${longText('harbour')}</p>]]></description></item>
      <item><title>Teaser</title><link>https://n.example/teaser</link><description>Read on.</description></item>
    </channel></rss>`;
    const reader = readerOf({ 'https://n.example/feed': [{ location: 'https://n.example/feed', contentType: 'application/rss+xml', body: feed }] });
    const fetcher = fetcherOf({ 'https://n.example/teaser': htmlPage('Teaser page') });
    const { articles, failures } = await ingest(['https://n.example/feed'], { reader, fetcher });
    expect(failures).toEqual([]);
    expect(fetcher.calls).toEqual(['https://n.example/teaser']);
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      ['https://n.example/full', 'Full'],
      ['https://n.example/teaser', 'Teaser'],
    ]);
    expect(articles[1]?.text).toContain('Teaser page project');
  });

  it('reports a failing source or entry and keeps the others', async () => {
    const feed = `<rss version="2.0"><channel><item><title>Gone</title><link>https://n.example/gone</link></item></channel></rss>`;
    const reader = readerOf({
      'good.txt': [{ location: 'good.txt', body: 'A good article.' }],
      'empty.txt': [{ location: 'empty.txt', body: '   ' }],
      'binary.bin': [{ location: 'binary.bin', body: 'PK\u0003\u0004\u0000\u0000junk' }],
      'feed.xml': [{ location: 'feed.xml', body: feed }],
    });
    const { articles, failures } = await ingest(['missing.txt', 'good.txt', 'empty.txt', 'binary.bin', 'feed.xml'], {
      reader,
      fetcher: fetcherOf({}),
    });
    expect(articles.map((a) => a.source)).toEqual(['good.txt']);
    expect(failures.map((f) => [f.source, f.badInput])).toEqual([
      ['missing.txt', true],
      ['empty.txt', true],
      ['binary.bin', true],
      ['https://n.example/gone', false],
    ]);
    expect(failures[2]?.message).toBe('binary.bin: binary data, not an article (expected text, HTML or a feed)');
  });

  it("reports a folder's unreadable file in its place and keeps the folder's other files", async () => {
    const reader = readerOf({
      folder: [
        { location: 'folder/a.txt', body: 'First article.' },
        { location: 'folder/b.txt', error: new InputError('folder/b.txt: binary data, not an article (expected text, HTML or a feed)') },
        { location: 'folder/c.txt', error: new Error('folder/c.txt: could not be read (timeout)') },
        { location: 'folder/d.txt', body: 'Fourth article.' },
      ],
    });
    const items: Ingested[] = [];
    for await (const item of ingestEach(['folder'], { reader, fetcher: fetcherOf({}) })) items.push(item);
    expect(items.map((item) => ('article' in item ? item.article.source : [item.failure.source, item.failure.badInput]))).toEqual([
      'folder/a.txt',
      ['folder/b.txt', true],
      ['folder/c.txt', false],
      'folder/d.txt',
    ]);
  });

  it('gives each article as soon as it is read, before the next document is read', async () => {
    const reader = readerOf({
      folder: [
        { location: 'folder/a.txt', body: 'First article.' },
        { location: 'folder/b.txt', body: 'Second article.' },
      ],
    });
    const items = ingestEach(['folder'], { reader, fetcher: fetcherOf({}) })[Symbol.asyncIterator]();
    expect((await items.next()).value).toMatchObject({ article: { source: 'folder/a.txt' } });
    expect(reader.handedOut).toEqual(['folder/a.txt']);
    expect((await items.next()).value).toMatchObject({ article: { source: 'folder/b.txt' } });
    expect((await items.next()).done).toBe(true);
  });

  it('keeps one copy of an article named twice', async () => {
    const reader = readerOf({ 'a.txt': [{ location: 'a.txt', body: 'Same text.' }], 'b.txt': [{ location: 'b.txt', body: 'Same text.' }] });
    const { articles } = await ingest(['a.txt', 'b.txt'], { reader, fetcher: fetcherOf({}) });
    expect(articles).toHaveLength(1);
  });
});
