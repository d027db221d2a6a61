import { describe, expect, it } from 'vitest';
import { htmlFragmentToText, readHtmlArticle } from './html.ts';

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the report says the regional council approved the new tram line after a long debate about costs and routes through the old town.</p>`;

const page = `<!doctype html><html><head><title>Tram line approved | City Paper</title>
<meta property="article:published_time" content="2026-03-04T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Tram line approved</h1>${[1, 2, 3, 4].map(paragraph).join('')}
<script>alert('x')</script></article>
<aside class="comments">Leave a comment</aside><footer>Share this article</footer></body></html>`;

describe('readHtmlArticle', () => {
  it('keeps the article text as paragraphs and drops navigation and scripts', () => {
    const article = readHtmlArticle(page, 'https://city.example/tram');
    expect(article.text.split('\n\n')).toHaveLength(4);
    expect(article.text).toContain('Paragraph 1 of the report');
    expect(article.text).not.toMatch(/Home|Sport|alert/);
    expect(article.title).toMatch(/Tram line approved/);
    expect(article.publishedAt).toBe('2026-03-04T09:30:00.000Z');
  });

  it('refuses a page without readable text', () => {
    expect(() => readHtmlArticle('<html><body><nav>menu</nav></body></html>', 'empty.html')).toThrow(/empty\.html: no readable article text/);
  });
});

describe('htmlFragmentToText', () => {
  it('keeps paragraph breaks and never keeps markup or scripts', () => {
    expect(htmlFragmentToText('<p>One <b>bold</b>.</p><p>Two<script>evil()</script></p>')).toBe('One bold.\n\nTwo');
  });
});
