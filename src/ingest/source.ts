/**
 * Reads listed article files into {@link ArticleInput}s for the CLI, through
 * the same ingest module as uploads (text, Markdown, HTML, DOCX, PDF), plus
 * `.jsonl` files of article objects. A file that cannot be read becomes an
 * error item; the others are still read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleInput } from '../core/types';
import { baseName } from './article';
import type { ListedPath } from './files';
import { decodeText, readArticleFile, SUPPORTED_EXTENSIONS } from './read';

export type ReadItem = { article: ArticleInput } | { error: string };

/**
 * Parses one line of a `.jsonl` file: an object with a string `text` and
 * optional `id`, `source`, `title`, `date`, `url`, `author`.
 * @param name - the file name, for the default id and for messages
 * @param line - the line's text
 * @param lineNumber - 1-based line number
 */
export function articleFromJsonlLine(name: string, line: string, lineNumber: number): ArticleInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`${name}: line ${lineNumber}: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  const obj = value as Record<string, unknown>;
  if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
    throw new Error(`${name}: line ${lineNumber}: expected an object with a string "text"`);
  }
  const str = (k: string) => (typeof obj[k] === 'string' && obj[k].trim() !== '' ? obj[k] : null);
  const id = str('id') ?? `${baseName(name)}-${lineNumber}`;
  return {
    id,
    source: str('source') ?? id,
    title: str('title'),
    date: str('date'),
    url: str('url'),
    author: str('author'),
    text: obj.text,
  };
}

/** Parses a whole `.jsonl` text; the first bad line rejects the file. */
export function articlesFromJsonl(name: string, text: string): ArticleInput[] {
  const out: ArticleInput[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') out.push(articleFromJsonlLine(name, line, i + 1));
  });
  return out;
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
    const ext = path.extname(entry.path).toLowerCase();
    try {
      if (ext === '.jsonl') {
        for (const article of articlesFromJsonl(entry.path, decodeText(entry.path, readFileSync(entry.path))))
          items.push({ article });
      } else if (ext in SUPPORTED_EXTENSIONS) {
        items.push({ article: await readArticleFile(entry.path) });
      } else {
        items.push({ error: `${entry.path}: unsupported file type '${ext || '(none)'}'` });
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      items.push({ error: e.code ? `${entry.path}: cannot read (${e.code})` : e.message });
    }
  }
  return items;
}
