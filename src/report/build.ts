import { compareArticles } from '../compare';
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';
import { removeFlags, type FlagRef } from '../core/flags';
import type { Report } from './types';

/** A dismissed flag as stored: the article, the part (body when absent) and the flag's kind, entry, offsets and text. */
export interface DismissalInput extends FlagRef {
  articleId: string;
  part?: 'body' | 'headline';
  text: string;
}

/** Whether a dismissal is of a flag of the article's headline rather than of its body. */
const ofHeadline = (d: DismissalInput) => d.part === 'headline';

/**
 * How the reports say where a dismissed flag was, before its sentence: "in", or "in the headline".
 * @param d - a dismissed flag as the report lists it
 */
export const dismissedIn = (d: { part: 'body' | 'headline' }): string =>
  d.part === 'headline' ? 'in the headline' : 'in';

/**
 * The sentence around an offset of an analysed text: where it starts and its
 * text, or the whole text when no sentence holds the offset.
 * @param analysis - the analysis whose text the offset points into
 * @param offset - a character offset into `analysis.text`
 */
export function sentenceAt(analysis: ArticleAnalysis, offset: number): { start: number; text: string } {
  const s = analysis.tone.sentences.find((x) => x.start <= offset && offset < x.end);
  return s
    ? { start: s.start, text: analysis.text.slice(s.start, s.end) }
    : { start: 0, text: analysis.text };
}

/**
 * The single report every output reads.
 * @param input.analyses - the articles' analyses, with the dismissed flags already removed (see `removeFlags`)
 * @param input.headlines - the titled articles' headlines, each analysed on its own (see core/headline.ts)
 * @param input.comparison - their comparison, or null with fewer than two articles
 * @param input.dismissed - the dismissed flags, listed by every format
 * @param input.lexicons - lexicon kind → version hash
 */
export function buildReport(input: {
  analyses: ArticleAnalysis[];
  headlines: ArticleAnalysis[];
  comparison: Comparison | null;
  dismissed: readonly DismissalInput[];
  lexicons: Record<string, string>;
}): Report {
  const byId = new Map(input.analyses.map((a) => [a.id, a]));
  const headlines = new Map(input.headlines.map((h) => [h.id, h]));
  return {
    articles: input.analyses,
    headlines: input.headlines,
    lexicons: input.lexicons,
    comparison: input.comparison,
    dismissed: input.dismissed.map((d) => {
      const article = byId.get(d.articleId);
      const analysed = ofHeadline(d) ? headlines.get(d.articleId) : article;
      return {
        articleId: d.articleId,
        source: article?.source ?? '',
        part: ofHeadline(d) ? 'headline' : 'body',
        // Dismissing a flag removes the flag, not the text: its sentence is still in the analysis.
        sentence: analysed ? sentenceAt(analysed, d.start).text.replace(/\s+/g, ' ').trim() : '',
        kind: d.kind,
        entry: d.entry,
        text: d.text,
        start: d.start,
        end: d.end,
      };
    }),
  };
}

/**
 * The report of stored analyses: each article's dismissed flags removed (the
 * core measures it again), the comparison made when there are two or more.
 * The web app builds a comparison's page from it on the main thread, and its
 * downloads in a worker (see batch/job-worker.ts).
 * @param input.analyses - the articles' analyses as analysed, in column order
 * @param input.headlines - the titled articles' headlines, each analysed on its own (see core/headline.ts)
 * @param input.dismissed - the comparison's dismissals
 * @param input.lexicons - lexicon kind → version hash
 */
export function reportOf(input: {
  analyses: ArticleAnalysis[];
  headlines: ArticleAnalysis[];
  dismissed: readonly DismissalInput[];
  lexicons: Record<string, string>;
}): Report {
  const without = (a: ArticleAnalysis, headline: boolean) =>
    removeFlags(
      a,
      input.dismissed.filter((d) => d.articleId === a.id && ofHeadline(d) === headline),
    );
  const analyses = input.analyses.map((a) => without(a, false));
  return buildReport({
    analyses,
    headlines: input.headlines.map((h) => without(h, true)),
    comparison: analyses.length >= 2 ? compareArticles(analyses) : null,
    dismissed: input.dismissed,
    lexicons: input.lexicons,
  });
}
