/**
 * The comparison engine: several analysed articles about one event in, the
 * differences between them out. Pure: no I/O, no globals; the CLI, the web
 * app and the reports all call {@link compareArticles}.
 */
import type { ArticleAnalysis } from '../core/types';
import { alignFacts } from './alignment';
import { compareAttributions, createSpeakerIndex } from './attributions';
import { compareFrames } from './frames';
import { compareLoadedTerms } from './loaded';
import { compareNaming } from './naming';
import { findOmissions } from './omissions';
import { compareProminence } from './prominence';
import { compareQuotes } from './quotes';
import { summarize } from './summary';
import { findSyndication } from './syndication';
import type { CompareOptions, Comparison } from './types';

export type * from './types';
export { jensenShannon } from './frames';

/**
 * Compares two or more analysed articles about the same event.
 * @param analyses - the articles' analyses, in input order; ids must be unique
 * @param options - thresholds; every one has a documented default
 * @returns the comparison, every list in a stable order
 */
export function compareArticles(analyses: ArticleAnalysis[], options: CompareOptions = {}): Comparison {
  if (!Array.isArray(analyses)) {
    throw new TypeError(
      `framelens compare: expecting an array of article analyses, instead found ${typeof analyses}`,
    );
  }
  if (analyses.length < 2) {
    throw new Error(`framelens compare: needs at least two articles, found ${analyses.length}`);
  }
  const seen = new Set<string>();
  for (const a of analyses) {
    if (seen.has(a.id))
      throw new Error(`framelens compare: article ids must be unique, found '${a.id}' twice`);
    seen.add(a.id);
  }

  const speakers = createSpeakerIndex(analyses);
  const naming = compareNaming(analyses);
  const aligned = alignFacts(analyses, {
    similarity: options.factSimilarity,
    maxPostings: options.maxPostings,
  });
  const parts: Omit<Comparison, 'summary'> = {
    articles: analyses.map((a) => ({ id: a.id, source: a.source, title: a.title, date: a.date })),
    naming,
    loadedTerms: compareLoadedTerms(analyses),
    attributions: compareAttributions(analyses, speakers),
    quotes: compareQuotes(analyses, speakers),
    prominence: compareProminence(analyses, speakers),
    frames: compareFrames(analyses, options.matrixLimit ?? 50),
    alignment: aligned.alignment,
    omissions: findOmissions(analyses, aligned, naming, speakers),
    syndication: findSyndication(
      analyses,
      options.syndicationJaccard ?? 0.6,
      options.syndicationContainment ?? 0.8,
    ),
  };
  return { ...parts, summary: summarize(analyses, parts, options.summaryClaims ?? 6) };
}
