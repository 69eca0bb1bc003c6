/**
 * Reads lexicon files from disk and validates them. This module and `sources.ts` are the only
 * ones that touch the lexicon folder; everything after them works on the validated
 * {@link LexiconSet}.
 */
import { buildLexiconSet, type LexiconSet } from './parse';
import { DEFAULT_LEXICON_DIR, lexiconSources } from './sources';

export { DEFAULT_LEXICON_DIR, lexiconSources, readLexiconSources } from './sources';

/**
 * Loads the shipped lexicons plus any extra folders or files a user names.
 * @param extra - further lexicon folders or files, merged after the shipped ones
 * @param baseDir - the folder of shipped lexicons
 */
export function loadLexicons(extra: string[] = [], baseDir: string = DEFAULT_LEXICON_DIR): LexiconSet {
  return buildLexiconSet(lexiconSources(extra, baseDir));
}
