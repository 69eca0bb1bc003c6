/**
 * Reads listed article files into {@link ArticleInput}s for the CLI. A file
 * that cannot be read becomes an error item; the others are still read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleInput } from '../core/types';
import { articleFromText, baseName } from './article';
import type { ListedPath } from './files';

export type ReadItem = { article: ArticleInput } | { error: string };

/** Decodes bytes as UTF-8, refusing binary data and invalid sequences. */
export function decodeUtf8(name: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new Error(`${name}: binary file (contains NUL bytes), not an article`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`${name}: not valid UTF-8 text`);
  }
}

/** Parses a `.jsonl` file: one article object per line with `text` and optional `source`, `title`, `date`, `id`. */
export function articlesFromJsonl(name: string, text: string): ArticleInput[] {
  const out: ArticleInput[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${name}: line ${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const obj = value as Record<string, unknown>;
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      throw new Error(`${name}: line ${i + 1}: expected an object with a string "text"`);
    }
    const str = (k: string) => (typeof obj[k] === 'string' && (obj[k] as string).trim() !== '' ? (obj[k] as string) : null);
    const id = str('id') ?? `${baseName(name)}-${i + 1}`;
    out.push({ id, source: str('source') ?? id, title: str('title'), date: str('date'), url: str('url'), author: str('author'), text: obj.text });
  });
  return out;
}

type Reader = (file: string, bytes: Buffer) => Promise<ArticleInput[]>;

const textReader: Reader = async (file, bytes) => [articleFromText(file, decodeUtf8(file, bytes))];

/** Readers by extension; rich formats (HTML, DOCX, PDF) come from the ingest module for uploads. */
async function readerFor(ext: string): Promise<Reader | null> {
  switch (ext) {
    case '.txt':
    case '.md':
    case '.markdown':
      return textReader;
    case '.jsonl':
      return async (file, bytes) => articlesFromJsonl(file, decodeUtf8(file, bytes));
    default:
      return null;
  }
}

/**
 * Reads the listed files, in order.
 * @param listed - output of listArticleFiles
 */
export async function readArticles(listed: ListedPath[]): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for (const entry of listed) {
    if (entry.error) {
      items.push({ error: entry.error });
      continue;
    }
    const reader = await readerFor(path.extname(entry.path).toLowerCase());
    if (!reader) {
      items.push({ error: `${entry.path}: unsupported file type` });
      continue;
    }
    try {
      const bytes = readFileSync(entry.path);
      for (const article of await reader(entry.path, bytes)) items.push({ article });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      items.push({ error: e.code ? `${entry.path}: cannot read (${e.code})` : e.message });
    }
  }
  return items;
}
