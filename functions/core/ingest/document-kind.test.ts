import { describe, expect, it } from 'vitest';
import { sniffDocumentKind } from './document-kind.ts';

describe('sniffDocumentKind', () => {
  it('recognises feeds by their root element whatever the content type says', () => {
    expect(sniffDocumentKind({ location: 'https://x.example/feed', contentType: 'text/xml', body: '<?xml version="1.0"?>\n<rss version="2.0">' })).toBe('feed');
    expect(sniffDocumentKind({ location: 'https://x.example/a', contentType: 'text/html', body: '<feed xmlns="http://www.w3.org/2005/Atom">' })).toBe('feed');
  });

  it('recognises HTML by content type, doctype or extension', () => {
    expect(sniffDocumentKind({ location: 'https://x.example/a', contentType: 'text/html; charset=utf-8', body: 'hello' })).toBe('html');
    expect(sniffDocumentKind({ location: 'story', body: '<!DOCTYPE html><html>' })).toBe('html');
    expect(sniffDocumentKind({ location: 'story.htm', body: '<p>hi</p>' })).toBe('html');
    expect(sniffDocumentKind({ location: '/home/me/news/story.html', body: '<p>hi</p>' })).toBe('html');
  });

  it('reads the extension of a URL from its path, not its query', () => {
    expect(sniffDocumentKind({ location: 'https://x.example/news/story.html?ref=rss', body: '<p>hi</p>' })).toBe('html');
    expect(sniffDocumentKind({ location: 'https://x.example/story?format=.html', body: 'plain words' })).toBe('text');
  });

  it('takes anything else as text', () => {
    expect(sniffDocumentKind({ location: 'story.txt', body: 'The council met on Monday.' })).toBe('text');
  });
});
