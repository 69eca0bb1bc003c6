/**
 * Finds article files on disk for the CLI: a directory means every article
 * file in it, in name order; files are taken as given.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_EXTENSIONS } from './read';

/** Extensions framelens reads as articles in a folder: every single-article type, and .jsonl batches. */
export const ARTICLE_EXTENSIONS: readonly string[] = [...Object.keys(SUPPORTED_EXTENSIONS), '.jsonl'];

export interface ListedPath {
  path: string;
  /** Set when the path cannot be used; the other paths are still read. */
  error?: string;
}

/** A path made absolute with its symbolic links resolved (as far as it exists), so two spellings of one file compare equal. */
function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Expands files and directories into article files, keeping input order.
 * @param inputs - file or directory paths from the command line
 * @param exclude - files never to list, whatever the inputs say: the run's own output file
 */
export function listArticleFiles(inputs: string[], exclude: string[] = []): ListedPath[] {
  const skip = new Set(exclude.map(canonical));
  const out: ListedPath[] = [];
  const push = (file: string) => {
    if (!skip.has(canonical(file))) out.push({ path: file });
  };
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
        .filter((name) => ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
        .filter((name) => !name.startsWith('.'))
        .sort();
      if (names.length === 0)
        out.push({
          path: input,
          error: `${input}: no article files (${ARTICLE_EXTENSIONS.join(' ')}) in this folder`,
        });
      for (const name of names) push(path.join(input, name));
    } else {
      push(input);
    }
  }
  return out;
}
