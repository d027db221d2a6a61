import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { RawDocument } from '../core/model.ts';
import type { DocumentReader, Fetcher } from '../ports.ts';

/** Article files taken from a folder. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.xml', '.rss', '.atom']);
/** Largest article file read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Reads local files and folders, and http(s) URLs through the fetcher; "-" is standard input. */
export class LocalReader implements DocumentReader {
  constructor(private readonly fetcher: Fetcher) {}

  async read(location: string): Promise<RawDocument[]> {
    if (/^https?:\/\//i.test(location)) return [await this.fetcher.get(location)];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) throw new InputError(`${location}: only http(s) URLs and local paths are read`);
    if (location === '-') return [{ location: 'stdin', body: decodeText(await readStdin(), 'stdin') }];
    let info;
    try {
      info = await stat(location);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${location}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})`}`, { cause: error });
    }
    if (info.isDirectory()) {
      const names = (await readdir(location, { recursive: true }))
        .filter((name) => ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()))
        .sort();
      if (names.length === 0) throw new InputError(`${location}: no article files (.txt, .md, .html, .xml) in this folder`);
      return Promise.all(names.map((name) => readArticleFile(join(location, name))));
    }
    return [await readArticleFile(location, info.size)];
  }
}

async function readArticleFile(path: string, size?: number): Promise<RawDocument> {
  const bytes = size === undefined ? (await stat(path)).size : size;
  if (bytes > MAX_FILE_BYTES) throw new InputError(`${path}: ${Math.round(bytes / 1024 / 1024)} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for an article`);
  return { location: path, body: decodeText(await readFile(path), path) };
}

/** UTF-8 text; binary content (NUL bytes) is refused here, before any parser sees it. */
export function decodeText(bytes: Buffer, location: string): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(`${location}: binary data, not an article (expected text, HTML or a feed)`);
  return bytes.toString('utf8');
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_FILE_BYTES) throw new InputError(`stdin: larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for an article`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
