import { InputError } from '../core/errors.ts';
import type { RawDocument } from '../core/model.ts';
import type { Fetcher } from '../ports.ts';

export interface HttpFetcherOptions {
  /** Whole request, body included. @default 15000 */
  timeoutMs?: number;
  /** Largest body accepted. @default 5 MiB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
}

const ACCEPTED_TYPES = /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml))/i;

/** Fetches articles and feeds over http(s) with a time-out, a size cap, a redirect limit and charset decoding. */
export class HttpFetcher implements Fetcher {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;

  constructor(options: HttpFetcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 5;
  }

  async get(url: string): Promise<RawDocument> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let current = url;
    try {
      for (let hop = 0; hop <= this.maxRedirects; hop += 1) {
        assertHttp(current);
        const response = await fetch(current, {
          redirect: 'manual',
          signal,
          headers: { 'user-agent': 'news-digest/0.1 (+https://github.com/news-digest)', accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/xml;q=0.9, */*;q=0.5' },
        });
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          current = new URL(response.headers.get('location') ?? '', current).href;
          await response.body?.cancel();
          continue;
        }
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        const contentType = response.headers.get('content-type') ?? '';
        if (contentType && !ACCEPTED_TYPES.test(contentType)) {
          await response.body?.cancel();
          throw new InputError(`${url}: unsupported content type ${contentType.split(';')[0]}`);
        }
        const bytes = await readCapped(response, this.maxBytes, url);
        return { location: current, contentType, body: decode(bytes, contentType) };
      }
      throw new Error(`${url}: more than ${this.maxRedirects} redirects`);
    } catch (error) {
      if (signal.aborted) throw new Error(`${url}: timed out after ${this.timeoutMs} ms`, { cause: error });
      if (error instanceof Error && error.message.startsWith(url)) throw error;
      throw new Error(`${url}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}`, { cause: error });
    }
  }
}

function assertHttp(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new InputError(`${url}: not a valid URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new InputError(`${url}: only http(s) URLs are fetched`);
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new InputError(`${url}: larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new InputError(`${url}: larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Decodes by the charset the server names, else the one the document declares, else UTF-8. */
export function decode(bytes: Uint8Array, contentType: string): string {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  const label = charset.toLowerCase();
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Labels the WHATWG Encoding standard maps to windows-1252 (ISO-8859-1 included, as browsers do). */
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii']);
// prettier-ignore
const CP1252_HIGH = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

/** Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, losing curly quotes and dashes (0x80–0x9F). */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b)));
  }
  return text;
}
