import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { HttpFetcher } from './http-fetcher.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>Grüße aus Köln</p>');
    } else if (path === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from([0x4b, 0xf6, 0x6c, 0x6e]));
    } else if (path === '/meta-charset') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from([0x93, 0x68, 0x69, 0x94])]));
    } else if (path.startsWith('/hop/')) {
      const n = Number(path.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/article' }).end();
    } else if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(2048, 'a'));
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start');
      setTimeout(() => res.end('</p>'), 2000);
    } else if (path === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50]));
    } else if (path === '/to-file') {
      res.writeHead(301, { location: 'file:///etc/passwd' }).end();
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HttpFetcher', () => {
  it('fetches a page and decodes UTF-8', async () => {
    const doc = await new HttpFetcher().get(`${base}/article`);
    expect(doc).toEqual({ location: `${base}/article`, contentType: 'text/html; charset=utf-8', body: '<p>Grüße aus Köln</p>' });
  });

  it('decodes the charset the server or the page names', async () => {
    expect((await new HttpFetcher().get(`${base}/latin1`)).body).toBe('Köln');
    expect((await new HttpFetcher().get(`${base}/meta-charset`)).body).toContain('\u201chi\u201d');
  });

  it('follows redirects up to the limit and reports the final location', async () => {
    expect((await new HttpFetcher({ maxRedirects: 3 }).get(`${base}/hop/2`)).location).toBe(`${base}/article`);
    await expect(new HttpFetcher({ maxRedirects: 3 }).get(`${base}/hop/5`)).rejects.toThrow(/more than 3 redirects/);
  });

  it('refuses a body over the size cap', async () => {
    await expect(new HttpFetcher({ maxBytes: 1024 }).get(`${base}/huge`)).rejects.toThrow(InputError);
  });

  it('gives up after the time-out', async () => {
    await expect(new HttpFetcher({ timeoutMs: 300 }).get(`${base}/slow`)).rejects.toThrow(/timed out after 300 ms/);
  });

  it('refuses content that is not text, HTTP errors and redirects away from http(s)', async () => {
    await expect(new HttpFetcher().get(`${base}/image`)).rejects.toThrow(/unsupported content type image\/png/);
    await expect(new HttpFetcher().get(`${base}/missing`)).rejects.toThrow(/HTTP 404/);
    await expect(new HttpFetcher().get(`${base}/to-file`)).rejects.toThrow(/only http\(s\) URLs/);
  });

  it('names the URL when nothing listens', async () => {
    await expect(new HttpFetcher({ timeoutMs: 2000 }).get('http://127.0.0.1:9/')).rejects.toThrow(/^http:\/\/127\.0\.0\.1:9\/: /);
  });
});
