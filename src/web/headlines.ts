/**
 * Headlines analysed on their own. A headline is where framing is
 * strongest, but it is not part of the body: its analysis has offsets into
 * the title string and never enters the body's counts and rates. It is made
 * from the title as stored now, so an edited title is analysed as edited.
 */
import type { Analyzer } from '../core/analyze';
import type { ArticleAnalysis } from '../core/types';
import type { ArticleRecord } from '../store';

/**
 * The analysis of an article's title as a text of its own, or null when the
 * article has no title or the analyzer fails on it (the page then shows the
 * title without flags).
 * @param analyzer - the comparison's analyzer
 * @param article - the stored article
 */
export function headlineAnalysis(
  analyzer: Analyzer,
  article: Pick<ArticleRecord, 'id' | 'source' | 'title' | 'date' | 'url' | 'author'>,
): ArticleAnalysis | null {
  if (!article.title) return null;
  try {
    return analyzer.analyze({
      id: article.id,
      source: article.source,
      title: null,
      date: article.date,
      url: article.url,
      author: article.author,
      text: article.title,
      bodyStart: 0,
    });
  } catch {
    return null;
  }
}
