import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';
import type { FlagRef } from '../core/flags';
import type { Report } from './types';

/** A dismissed flag as stored: the article and the flag's kind, entry, offsets and text. */
export interface DismissalInput extends FlagRef {
  articleId: string;
  text: string;
}

/**
 * The single report every output reads.
 * @param input.analyses - the articles' analyses, with the dismissed flags already removed (see `removeFlags`)
 * @param input.comparison - their comparison, or null with fewer than two articles
 * @param input.dismissed - the dismissed flags, listed by every format
 * @param input.lexicons - lexicon kind → version hash
 */
export function buildReport(input: {
  analyses: ArticleAnalysis[];
  comparison: Comparison | null;
  dismissed: readonly DismissalInput[];
  lexicons: Record<string, string>;
}): Report {
  const sourceOf = new Map(input.analyses.map((a) => [a.id, a.source]));
  return {
    articles: input.analyses,
    lexicons: input.lexicons,
    comparison: input.comparison,
    dismissed: input.dismissed.map((d) => ({
      articleId: d.articleId,
      source: sourceOf.get(d.articleId) ?? '',
      kind: d.kind,
      entry: d.entry,
      text: d.text,
      start: d.start,
      end: d.end,
    })),
  };
}
