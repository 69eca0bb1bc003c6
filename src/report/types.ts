/**
 * The one report model every output reads: the page, the API, the CLI and each
 * download format. Built by {@link buildReport} (./build).
 */
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';

/** A flag the user dismissed (or suppressed on the command line), as the reports list it. */
export interface DismissedFlag {
  articleId: string;
  source: string;
  /** Where the flag was: the article's body, or its headline (offsets into the title). */
  part: 'body' | 'headline';
  /** The sentence the flag was in (the headline, for a headline flag), so a reader finds it without counting characters ('' when unknown). */
  sentence: string;
  kind: string;
  entry: string;
  text: string;
  start: number;
  end: number;
}

/**
 * The report: the analyses (dismissed flags already removed), the comparison (null with fewer
 * than two articles) and what was dismissed. Its JSON is `framelens compare --format json`.
 */
export interface Report {
  articles: ArticleAnalysis[];
  /**
   * Each titled article's headline analysed on its own (see core/headline.ts), in the articles'
   * order: `id` is the article's, `text` the title and every offset points into it. Kept out of
   * the articles' counts and rates and out of the comparison.
   */
  headlines: ArticleAnalysis[];
  /** Lexicon kind → version hash, so a report can be reproduced. */
  lexicons: Record<string, string>;
  comparison: Comparison | null;
  dismissed: DismissedFlag[];
}

/** What a document format prints about the comparison besides the report: its title and dates. */
export interface ReportMeta {
  title: string;
  eventDate: string | null;
  /** ISO time the comparison was created: the PDF's document date, so the same comparison gives the same bytes. */
  createdAt: string;
}
