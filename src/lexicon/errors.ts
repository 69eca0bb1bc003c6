/**
 * The error every lexicon problem raises, in a module of its own so that reading lexicon files
 * (and the compiled-lexicon cache) does not load the parser.
 */
export class LexiconError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly entry?: string,
  ) {
    super(`framelens lexicon: ${message}`);
    this.name = 'LexiconError';
  }
}
