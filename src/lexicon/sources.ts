/**
 * Lists and reads lexicon files. This module and `load.ts` are the only ones that touch the
 * lexicon folder; it does not load the parser, so a process that finds its lexicons compiled in
 * the cache never loads YAML or the schema.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LexiconError } from './errors';
import type { LexiconSource } from './parse';

/** The lexicons shipped with framelens. */
export const DEFAULT_LEXICON_DIR = path.resolve(__dirname, '..', '..', 'lexicons');

const LEXICON_FILE = /\.(ya?ml|json)$/i;

/**
 * Lists the lexicon files of a folder (or a single file), in name order, with
 * its `references.yaml` if it has one.
 * @param dirOrFile - a lexicon folder or file
 * @param shipped - true for framelens's own folder, whose entries must cite a known `ref`
 */
export function readLexiconSources(dirOrFile: string, shipped = false): LexiconSource[] {
  let stats;
  try {
    stats = statSync(dirOrFile);
  } catch {
    throw new LexiconError(`${dirOrFile}: no such lexicon folder or file`, dirOrFile);
  }
  const files = stats.isDirectory()
    ? readdirSync(dirOrFile)
        .filter((name) => LEXICON_FILE.test(name))
        .sort()
        .map((name) => path.join(dirOrFile, name))
    : [dirOrFile];
  return files.map((file) => {
    try {
      const shown = path.relative(process.cwd(), file) || file;
      return { file: shown, content: readFileSync(file, 'utf8'), ...(shipped ? { shipped } : {}) };
    } catch (err) {
      throw new LexiconError(`${file}: cannot read: ${(err as Error).message}`, file);
    }
  });
}

/**
 * The sources `loadLexicons` reads: the base folder (held to the shipped
 * rules when it is framelens's own) and the extra ones, in that order.
 * @param extra - further lexicon folders or files
 * @param baseDir - the folder of shipped lexicons
 */
export function lexiconSources(extra: string[] = [], baseDir: string = DEFAULT_LEXICON_DIR): LexiconSource[] {
  const shipped = path.resolve(baseDir) === DEFAULT_LEXICON_DIR;
  return [...readLexiconSources(baseDir, shipped), ...extra.flatMap((dir) => readLexiconSources(dir))];
}
