/**
 * The report every renderer takes: the `framelens analyze` JSON plus the
 * comparison (null when only one article was analysed).
 */
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';

export interface ComparisonReport {
  articles: ArticleAnalysis[];
  /** Lexicon kind → version hash, so a report can be reproduced. */
  lexicons: Record<string, string>;
  comparison: Comparison | null;
}
