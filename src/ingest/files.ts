/**
 * Finds article files on disk for the CLI: a directory means every article
 * file in it, in name order; files are taken as given.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Extensions framelens reads as articles. */
export const ARTICLE_EXTENSIONS = [
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.docx',
  '.pdf',
  '.jsonl',
] as const;

export interface ListedPath {
  path: string;
  /** Set when the path cannot be used; the other paths are still read. */
  error?: string;
}

/**
 * Expands files and directories into article files, keeping input order.
 * @param inputs - file or directory paths from the command line
 */
export function listArticleFiles(inputs: string[]): ListedPath[] {
  const out: ListedPath[] = [];
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      out.push({ path: input, error: `${input}: no such file or directory` });
      continue;
    }
    if (stats.isDirectory()) {
      const names = readdirSync(input)
        .filter((name) =>
          (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase()),
        )
        .filter((name) => !name.startsWith('.'))
        .sort();
      if (names.length === 0)
        out.push({
          path: input,
          error: `${input}: no article files (${ARTICLE_EXTENSIONS.join(' ')}) in this folder`,
        });
      for (const name of names) out.push({ path: path.join(input, name) });
    } else {
      out.push({ path: input });
    }
  }
  return out;
}
