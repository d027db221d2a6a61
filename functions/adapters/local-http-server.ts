/**
 * The `digest serve` web server (node:http): the archive folder as static files, and the subscription
 * endpoints through the same HTTP core the Lambda uses. Listens on loopback only.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { MAX_BODY_BYTES, parseQuery, type HttpRequest, type HttpResponse } from '../core/subscriptions/http.ts';

export interface LocalServerOptions {
  /** @default 127.0.0.1 */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The folder served as the site (DIR/archive). */
  archiveDir: string;
  /** The site's path prefix from its URL ("/" or "/digest/"). @default "/" */
  basePath?: string;
  api: (request: HttpRequest) => Promise<HttpResponse>;
  /** Failures that are not the client's fault. */
  onError?: (error: unknown) => void;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

const contentTypeOf = (path: string) =>
  path.endsWith('feed.xml') ? 'application/atom+xml; charset=utf-8' : (CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const basePath = options.basePath ?? '/';
  const root = await realpath(resolve(options.archiveDir)).catch(() => resolve(options.archiveDir));

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(`${basePath}api/`)) {
      const { body, truncated } = await readBody(req, MAX_BODY_BYTES + 1);
      const response = await options.api({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: parseQuery(url.search),
        headers: flattenHeaders(req),
        body,
        clientIp: req.socket.remoteAddress ?? 'unknown',
      });
      // A body we stopped reading cannot be followed by another request on this connection.
      res.writeHead(response.status, { ...response.headers, ...(truncated ? { connection: 'close' } : {}) });
      res.end(req.method === 'HEAD' ? undefined : response.body);
      return;
    }
    await serveStatic(req, res, url.pathname);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    if (!pathname.startsWith(basePath)) return sendText(res, 404, 'Not found');
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (relative.includes('\0') || relative.split(/[\\/]/).includes('..')) return sendText(res, 404, 'Not found');
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = await insideRoot(resolve(root, relative));
    if (!file) return sendText(res, 404, 'Not found');
    const info = await stat(file);
    if (info.isDirectory()) {
      res.writeHead(301, { location: `${pathname}/` });
      res.end();
      return;
    }
    if (!info.isFile()) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
      'content-length': String(info.size),
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((done, fail) => createReadStream(file).on('error', fail).on('end', done).pipe(res));
  }

  /** The real path, if it exists and stays inside the archive (symbolic links included). */
  async function insideRoot(path: string): Promise<string | undefined> {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return undefined;
    }
    return real === root || real.startsWith(`${root}${sep}`) ? real : undefined;
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${basePath}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  res.end(`${text}\n`);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The body as text, at most `limit` bytes of it: the core sees that it is over its cap and answers 413. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: string; truncated: boolean }> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (truncated: boolean) => {
      if (finished) return;
      finished = true;
      done({ body: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), truncated });
    };
    req.on('data', (chunk: Buffer) => {
      if (finished) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        req.pause();
        finish(true);
      }
    });
    req.on('end', () => finish(false));
    req.on('error', fail);
  });
}
