/**
 * Builds what the pages, the API and the downloads show for one comparison:
 * the stored articles analysed (from the cache when the lexicon versions
 * match), the user's dismissals applied, and the comparison when there are
 * two or more articles.
 */
import { createHash } from 'node:crypto';
import { compareArticles } from '../compare';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import type { ArticleAnalysis, Hit, LexiconKind, NamingUse, RateByVoice, Voice } from '../core/types';
import type { Comparison } from '../compare/types';
import { buildLexiconSet, type LexiconSource } from '../lexicon/parse';
import type { ArticleRecord, ComparisonLexicon, ComparisonRecord, DismissalRecord, Store } from '../store';

/** A dismissed flag as the reports show it. */
export interface DismissedFlag {
  articleId: string;
  source: string;
  kind: string;
  entry: string;
  text: string;
  start: number;
  end: number;
}

/** The report object every renderer takes: the `framelens compare --format json` shape plus dismissals. */
export interface FramelensReport {
  articles: ArticleAnalysis[];
  lexicons: Record<LexiconKind, string>;
  comparison: Comparison | null;
  dismissed: DismissedFlag[];
}

export interface ComparisonBundle {
  record: ComparisonRecord;
  articles: ArticleRecord[];
  dismissals: DismissalRecord[];
  lexiconFile: ComparisonLexicon | null;
  analyzer: Analyzer;
  report: FramelensReport;
}

/** The kind name used for dismissed scare quotes (they are not lexicon hits). */
export const SCARE_QUOTE_KIND = 'scare-quotes';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One hash of all the lexicon versions an analysis depends on. */
export function versionKey(analyzer: Analyzer): string {
  return createHash('sha256').update(JSON.stringify(analyzer.versions)).digest('hex').slice(0, 16);
}

/**
 * Removes dismissed flags from an analysis and recounts what depends on them
 * (naming uses, loaded-term, hedge and booster rates).
 */
export function applyDismissals(analysis: ArticleAnalysis, dismissals: DismissalRecord[]): ArticleAnalysis {
  const mine = dismissals.filter((d) => d.articleId === analysis.id);
  if (!mine.length) return analysis;
  const key = (kind: string, entry: string, start: number, end: number) => `${kind}\u0000${entry}\u0000${start}\u0000${end}`;
  const gone = new Set(mine.map((d) => key(d.kind, d.entry, d.start, d.end)));
  const hits = analysis.hits.filter((h) => !gone.has(key(h.lexicon, h.entry, h.start, h.end)));
  const scareQuotes = analysis.scareQuotes.filter((q) => !gone.has(key(SCARE_QUOTE_KIND, q.text, q.start, q.end)));
  const naming = new Map<string, NamingUse>();
  for (const h of hits) {
    if (h.lexicon !== 'naming-variants') continue;
    const k = `${h.concept}\u0000${h.entry}`;
    const use = naming.get(k) ?? { concept: h.concept!, variant: h.entry, count: 0 };
    use.count++;
    naming.set(k, use);
  }
  const rate = (kind: Hit['lexicon']): Record<Voice, RateByVoice> => {
    const out = { quoted: { count: 0, per1000: 0 }, narration: { count: 0, per1000: 0 } };
    for (const h of hits) if (h.lexicon === kind) out[h.voice].count++;
    for (const v of ['quoted', 'narration'] as const) out[v].per1000 = analysis.words[v] ? round((out[v].count / analysis.words[v]) * 1000) : 0;
    return out;
  };
  return { ...analysis, hits, scareQuotes, naming: [...naming.values()], loaded: rate('loaded-terms'), hedges: rate('hedges'), boosters: rate('boosters') };
}

export interface AnalysisServiceOptions {
  store: Store;
  /** The analyzer built from the shipped and configured lexicons. */
  analyzer: Analyzer;
  /** The sources of that analyzer's lexicons, so one comparison's extra file can be merged with them. */
  baseSources: () => LexiconSource[];
}

/** Keeps a few analyzers built with per-comparison lexicon files, keyed by the file content. */
export function createAnalysisService({ store, analyzer, baseSources }: AnalysisServiceOptions) {
  const extraAnalyzers = new Map<string, Analyzer>();
  const defaultKey = versionKey(analyzer);

  /** Validates a lexicon file against the shipped ones; throws LexiconError naming file, entry and field. */
  function buildWithExtra(extra: ComparisonLexicon): Analyzer {
    const cacheKey = createHash('sha256').update(extra.fileName).update('\u0000').update(extra.content).digest('hex');
    let built = extraAnalyzers.get(cacheKey);
    if (!built) {
      built = createAnalyzer(buildLexiconSet([...baseSources(), { file: extra.fileName, content: extra.content }]));
      if (extraAnalyzers.size >= 8) extraAnalyzers.delete(extraAnalyzers.keys().next().value!);
      extraAnalyzers.set(cacheKey, built);
    }
    return built;
  }

  function analyzerFor(comparisonId: string): { analyzer: Analyzer; lexiconFile: ComparisonLexicon | null } {
    const lexiconFile = store.getComparisonLexicon(comparisonId) ?? null;
    return { analyzer: lexiconFile ? buildWithExtra(lexiconFile) : analyzer, lexiconFile };
  }

  /** Analyses an article, from the cache when the lexicon versions match; labels always come from the store. */
  function analyzeArticle(article: ArticleRecord, useAnalyzer: Analyzer): ArticleAnalysis {
    const version = useAnalyzer === analyzer ? defaultKey : versionKey(useAnalyzer);
    const cached = store.getCachedAnalysis(article.id, version);
    let analysis: ArticleAnalysis;
    if (cached) analysis = JSON.parse(cached) as ArticleAnalysis;
    else {
      analysis = useAnalyzer.analyze({
        id: article.id,
        source: article.source,
        title: article.title,
        date: article.date,
        url: article.url,
        author: article.author,
        text: article.text,
        bodyStart: article.bodyStart,
      });
      store.putCachedAnalysis(article.id, version, JSON.stringify(analysis));
    }
    return { ...analysis, id: article.id, source: article.source, title: article.title, date: article.date };
  }

  /**
   * Everything about one comparison, or undefined for an unknown id.
   * @param comparisonId - the comparison's id
   */
  function load(comparisonId: string): ComparisonBundle | undefined {
    const record = store.getComparison(comparisonId);
    if (!record) return undefined;
    const articles = store.listArticles(comparisonId);
    const dismissals = store.listDismissals(comparisonId);
    const { analyzer: useAnalyzer, lexiconFile } = analyzerFor(comparisonId);
    const analyses = articles.map((a) => applyDismissals(analyzeArticle(a, useAnalyzer), dismissals));
    const sourceOf = new Map(articles.map((a) => [a.id, a.source]));
    const report: FramelensReport = {
      articles: analyses,
      lexicons: useAnalyzer.versions,
      comparison: analyses.length >= 2 ? compareArticles(analyses) : null,
      dismissed: dismissals.map((d) => ({ articleId: d.articleId, source: sourceOf.get(d.articleId) ?? '', kind: d.kind, entry: d.entry, text: d.text, start: d.start, end: d.end })),
    };
    return { record, articles, dismissals, lexiconFile, analyzer: useAnalyzer, report };
  }

  return { load, analyzeArticle, analyzerFor, buildWithExtra, defaultAnalyzer: analyzer };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
