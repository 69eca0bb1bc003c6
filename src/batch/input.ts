/**
 * Lazily reads the inputs of a batch run, in input order: a file is read
 * only when its turn comes, and a `.jsonl` file is streamed line by line, so
 * memory does not grow with the corpus.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ArticleInput } from '../core/types';

import type { ListedPath } from '../ingest/files';
import { articleFromJsonlLine, readArticles } from '../ingest/source';

/** One input item: an article or an error, with the bytes of input it stands for (for progress). */
export type BatchItem = { article: ArticleInput; bytes: number } | { error: string; bytes: number };

/** Total bytes of the listed files, for a progress bar; unreadable files count 0. */
export function totalBytes(listed: ListedPath[]): number {
  let total = 0;
  for (const entry of listed) {
    if (entry.error) continue;
    try {
      total += statSync(entry.path).size;
    } catch {
      // Reported when the file is read.
    }
  }
  return total;
}

/** Decodes a byte stream as UTF-8 text, refusing NUL bytes and invalid sequences. */
async function* decodeStream(name: string, bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for await (const chunk of bytes) {
    if (chunk.includes(0)) throw new Error(`${name}: binary file (contains NUL bytes), not an article`);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new Error(`${name}: not valid UTF-8 text`);
    }
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new Error(`${name}: not valid UTF-8 text`);
  }
  if (tail) yield tail;
}

function readError(file: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${file}: cannot read (${e.code})` : e.message;
}

/**
 * Streams the articles of a `.jsonl` file. A bad line is one error item and
 * the following lines are still read; a file that cannot be read or decoded
 * ends with one error item.
 */
async function* streamJsonl(file: string): AsyncGenerator<BatchItem> {
  const input = Readable.from(decodeStream(file, createReadStream(file)));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const bytes = Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      try {
        yield { article: articleFromJsonlLine(file, line, lineNumber), bytes };
      } catch (err) {
        yield { error: (err as Error).message, bytes };
      }
    }
  } catch (err) {
    yield { error: readError(file, err), bytes: 0 };
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * Yields every article of the inputs in input order, reading each file only
 * when it is reached.
 * @param listed - output of listArticleFiles
 */
export async function* readBatchItems(listed: ListedPath[]): AsyncGenerator<BatchItem> {
  for (const entry of listed) {
    if (!entry.error && path.extname(entry.path).toLowerCase() === '.jsonl') {
      yield* streamJsonl(entry.path);
      continue;
    }
    // Other files are small articles: read them with the CLI's own reader, so errors read the same.
    let size = 0;
    try {
      size = entry.error ? 0 : statSync(entry.path).size;
    } catch {
      // readArticles reports it.
    }
    const items = await readArticles([entry]);
    // Spread the file's bytes over its articles so progress adds up to the file size.
    for (const item of items)
      yield 'error' in item
        ? { error: item.error, bytes: size / items.length }
        : { article: item.article, bytes: size / items.length };
  }
}
