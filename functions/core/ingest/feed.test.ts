import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { parseFeed } from './feed.ts';

const rss = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour News</title>
<item><title>Ferry &amp; port reopen</title><link>https://news.example.org/ferry</link>
<guid>ferry-1</guid><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The ferry to Nordholm resumed service on Monday.</p>]]></content:encoded></item>
<item><title>Bad link</title><link>javascript:alert(1)</link><description>x</description></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Valley Times</title>
<entry><title>Bridge opens</title><id>urn:uuid:1</id>
<link rel="self" href="https://valley.example.com/self/1"/>
<link rel="alternate" href="https://valley.example.com/bridge"/>
<updated>2026-03-02T10:00:00Z</updated><summary>The bridge opened.</summary></entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items with full content, decoded entities and dates', () => {
    const feed = parseFeed(rss, 'harbour.xml');
    expect(feed.title).toBe('Harbour News');
    expect(feed.entries[0]).toEqual({
      title: 'Ferry & port reopen',
      url: 'https://news.example.org/ferry',
      id: 'ferry-1',
      contentHtml: '<p>The ferry to Nordholm resumed service on Monday.</p>',
      publishedAt: '2026-03-03T08:00:00.000Z',
    });
  });

  it('drops links that are not http(s)', () => {
    const feed = parseFeed(rss, 'harbour.xml');
    expect(feed.entries[1]?.url).toBeUndefined();
  });

  it('reads Atom entries and takes the alternate link, not self', () => {
    const feed = parseFeed(atom, 'valley.xml');
    expect(feed.title).toBe('Valley Times');
    expect(feed.entries).toEqual([
      {
        title: 'Bridge opens',
        url: 'https://valley.example.com/bridge',
        id: 'urn:uuid:1',
        contentHtml: 'The bridge opened.',
        publishedAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
  });

  it('names the file when the XML is broken', () => {
    expect(() => parseFeed('<rss><channel><item><title>x</item></channel>', 'broken.xml')).toThrow(InputError);
    expect(() => parseFeed('<rss><channel><item><title>x</item></channel>', 'broken.xml')).toThrow(/broken\.xml/);
  });

  it('refuses XML that is neither RSS nor Atom', () => {
    expect(() => parseFeed('<?xml version="1.0"?><note><to>x</to></note>', 'note.xml')).toThrow(/not an RSS or Atom feed/);
  });
});
