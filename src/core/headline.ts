/**
 * Headlines analysed on their own. A headline is where framing is
 * strongest, but it is not part of the body: its analysis has offsets into
 * the title string and never enters the body's counts and rates.
 */
import type { Analyzer } from './analyze';
import type { ArticleAnalysis, ArticleInput } from './types';

/**
 * The analysis of an article's title as a text of its own (its `id` is the
 * article's, its `text` the title), or null when the article has no title
 * or the analyzer fails on it (the title is then shown without flags).
 * @param analyzer - the analyzer the article's body is analysed with
 * @param article - the article, with its title as stored now (an edited title is analysed as edited)
 */
export function headlineAnalysis(
  analyzer: Analyzer,
  article: Pick<ArticleInput, 'id' | 'source' | 'title' | 'date' | 'url' | 'author'>,
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
