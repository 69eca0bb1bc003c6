/**
 * Reads lexicon files from disk. This is the only module that touches the
 * lexicon folder; everything after it works on the validated {@link LexiconSet}.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildLexiconSet, LexiconError, type LexiconSet, type LexiconSource } from './parse';

/** The lexicons shipped with framelens. */
export const DEFAULT_LEXICON_DIR = path.resolve(__dirname, '..', '..', 'lexicons');

const LEXICON_FILE = /\.(ya?ml|json)$/i;

/** Lists the lexicon files of a folder (or a single file), in name order. */
export function readLexiconSources(dirOrFile: string): LexiconSource[] {
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
      return { file: path.relative(process.cwd(), file) || file, content: readFileSync(file, 'utf8') };
    } catch (err) {
      throw new LexiconError(`${file}: cannot read: ${(err as Error).message}`, file);
    }
  });
}

/**
 * Loads the shipped lexicons plus any extra folders or files a user names.
 * @param extra - further lexicon folders or files, merged after the shipped ones
 * @param baseDir - the folder of shipped lexicons
 */
export function loadLexicons(extra: string[] = [], baseDir: string = DEFAULT_LEXICON_DIR): LexiconSet {
  const sources = [baseDir, ...extra].flatMap(readLexiconSources);
  return buildLexiconSet(sources);
}
