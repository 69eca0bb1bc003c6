/**
 * Builds what the pages, the API and the downloads show for one comparison:
 * the stored articles analysed (from the cache when the lexicon versions and
 * the analysis code match), the user's dismissals applied, and the comparison when there are
 * two or more articles.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { codeVersion } from '../code-version';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import { headlineAnalysis } from '../core/headline';
import type { ArticleAnalysis, ArticleInput } from '../core/types';
import { reportJson, reportOf, type Report } from '../report';
import { buildLexiconSet, type LexiconSource } from '../lexicon/parse';
import type { LexiconSpec } from '../batch/pool';
import type { ArticleRecord, ComparisonLexicon, ComparisonRecord, DismissalRecord, Store } from '../store';

export { codeVersion };

export interface ComparisonBundle {
  record: ComparisonRecord;
  articles: ArticleRecord[];
  dismissals: DismissalRecord[];
  lexiconFile: ComparisonLexicon | null;
  analyzer: Analyzer;
  report: Report;
}

let coreVersion: string | undefined;

/**
 * What the analysis reads of a stored article.
 * @param article - the stored article
 * @param text - its text, or a corrected one with the same front matter
 */
export function analysisInput(article: ArticleRecord, text: string = article.text): ArticleInput {
  return {
    id: article.id,
    source: article.source,
    title: article.title,
    date: article.date,
    url: article.url,
    author: article.author,
    text,
    bodyStart: article.bodyStart,
  };
}

/**
 * What an article the analyzer failed on shows: its text with no findings and
 * a diagnostic saying why, so one article cannot take its comparison's pages
 * and reports down.
 * @param article - the stored article
 * @param analyzer - the comparison's analyzer (it only measures an empty text here)
 * @param err - why the analysis failed
 */
export function failedAnalysis(article: ArticleRecord, analyzer: Analyzer, err: unknown): ArticleAnalysis {
  return {
    ...analyzer.analyze({ ...analysisInput(article, ''), bodyStart: 0 }),
    text: article.text,
    diagnostics: [
      {
        code: 'analysis-failed',
        message: `this article could not be analysed (${err instanceof Error ? err.message : String(err)}); it is shown without findings`,
      },
    ],
  };
}

/**
 * An analysis with the article's labels as stored now: a cached analysis keeps the labels it
 * was made with, and the user may have renamed the source or the title since.
 */
export function withLabels(analysis: ArticleAnalysis, article: ArticleRecord): ArticleAnalysis {
  return { ...analysis, id: article.id, source: article.source, title: article.title, date: article.date };
}

/** One hash of the analysis code and all the lexicon versions an analysis depends on. */
export function versionKey(analyzer: Analyzer): string {
  coreVersion ??= codeVersion(path.join(__dirname, '..', 'core'));
  return createHash('sha256')
    .update(coreVersion)
    .update(JSON.stringify(analyzer.versions))
    .digest('hex')
    .slice(0, 16);
}

/** A response body encoded once, with the ETag that names it. */
export interface EncodedBody {
  body: Buffer;
  etag: string;
}

/**
 * One comparison as built at one revision: the bundle, its JSON, and the
 * pages the controllers rendered from it. Shared by every request until the
 * comparison changes, so nothing in it may be mutated.
 */
export interface CachedComparison {
  /** `${id}:${revision}:${lexicon version key}`: changes whenever anything shown would. */
  key: string;
  bundle: ComparisonBundle;
  /**
   * `GET /api/comparisons/:id`'s body: the report as
   * compact JSON like the rest of the API (the `report.json` download stays
   * indented for people). Indentation made it 1.75× larger, and sending
   * those bytes, not building them, limited the route's throughput.
   */
  json: EncodedBody;
  /** Request-independent renderings of the comparison page, by variant (see controllers/comparisons.ts). */
  pages: Map<string, RenderedPage>;
}

/** A page rendered without the request's CSRF token: the bytes between its occurrences, and a digest of them all. */
export interface RenderedPage {
  parts: Buffer[];
  digest: string;
}

export interface AnalysisServiceOptions {
  store: Store;
  /** The analyzer built from the shipped and configured lexicons. */
  analyzer: Analyzer;
  /** The sources of that analyzer's lexicons, so one comparison's extra file can be merged with them. */
  baseSources: () => LexiconSource[];
  /** How many built comparisons to keep in memory (least recently used go first); default 32. */
  cacheEntries?: number;
  /** Roughly how many bytes to keep at most (see {@link ComparisonCache}); default 8 MB: a few large comparisons or a dozen small ones, without lifting the server's peak memory much. */
  cacheBytes?: number;
  /** Where an article the analyzer fails on is logged. */
  log?: (err: unknown) => void;
  /** The compiled-lexicon snapshot folder the pool's workers start from; without it they compile. */
  cacheDir?: string | null;
}

/**
 * A least-recently-used cache of built comparisons, bounded by count and by
 * the bytes of what it holds: the JSON and page bodies, plus 1.3× the JSON
 * for the bundle's objects (measured on 20-article comparisons: 1.8 MB of
 * heap next to 1.35 MB of JSON). The byte bound keeps a few large
 * comparisons from outgrowing the server's memory; the count bound, many
 * small ones.
 */
class ComparisonCache {
  private readonly entries = new Map<string, { cached: CachedComparison; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  /** The entry of a comparison, marked as most recently used. */
  get(id: string): CachedComparison | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.cached;
  }

  set(id: string, cached: CachedComparison, bytes: number): void {
    this.delete(id);
    this.entries.set(id, { cached, bytes });
    this.bytes += bytes;
    this.trim();
  }

  /** Counts `bytes` more against a comparison's entry (a body made after it was stored). */
  grow(id: string, cached: CachedComparison, bytes: number): void {
    const entry = this.entries.get(id);
    if (entry?.cached !== cached) return;
    entry.bytes += bytes;
    this.bytes += bytes;
    this.trim();
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(id);
  }

  /** Drops the least recently used entries until both bounds hold; the newest always stays. */
  private trim(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= 1 || (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes))
        return;
      this.delete(id);
    }
  }
}

/** Keeps a few analyzers built with per-comparison lexicon files, keyed by the file content. */
export function createAnalysisService({
  store,
  analyzer,
  baseSources,
  cacheEntries = 32,
  cacheBytes = 8 * 2 ** 20,
  log = (err) => console.error(err),
  cacheDir = null,
}: AnalysisServiceOptions) {
  const extraAnalyzers = new Map<string, Analyzer>();
  const defaultKey = versionKey(analyzer);
  const built = new ComparisonCache(cacheEntries, cacheBytes);

  /** Validates a lexicon file against the shipped ones; throws LexiconError naming file, entry and field. */
  function buildWithExtra(extra: ComparisonLexicon): Analyzer {
    const cacheKey = createHash('sha256')
      .update(extra.fileName)
      .update('\u0000')
      .update(extra.content)
      .digest('hex');
    let built = extraAnalyzers.get(cacheKey);
    if (!built) {
      built = createAnalyzer(
        buildLexiconSet([...baseSources(), { file: extra.fileName, content: extra.content }]),
      );
      if (extraAnalyzers.size >= 8) extraAnalyzers.delete(extraAnalyzers.keys().next().value!);
      extraAnalyzers.set(cacheKey, built);
    }
    return built;
  }

  async function analyzerFor(
    comparisonId: string,
  ): Promise<{ analyzer: Analyzer; lexiconFile: ComparisonLexicon | null }> {
    const lexiconFile = (await store.getComparisonLexicon(comparisonId)) ?? null;
    return { analyzer: lexiconFile ? buildWithExtra(lexiconFile) : analyzer, lexiconFile };
  }

  /** The lexicons a comparison's articles are analysed with, as a worker job needs them. */
  async function lexiconSpecFor(comparisonId: string): Promise<{ analyzer: Analyzer; spec: LexiconSpec }> {
    const { analyzer: useAnalyzer, lexiconFile } = await analyzerFor(comparisonId);
    const sources = lexiconFile
      ? [...baseSources(), { file: lexiconFile.fileName, content: lexiconFile.content }]
      : baseSources();
    return { analyzer: useAnalyzer, spec: { key: versionKey(useAnalyzer), sources, cacheDir } };
  }

  /** Analyses an article, from the cache when the lexicon versions match; labels always come from the store. */
  async function analyzeArticle(article: ArticleRecord, useAnalyzer: Analyzer): Promise<ArticleAnalysis> {
    const version = useAnalyzer === analyzer ? defaultKey : versionKey(useAnalyzer);
    const cached = await store.getCachedAnalysis(article.id, version);
    let analysis: ArticleAnalysis;
    if (cached) analysis = JSON.parse(cached) as ArticleAnalysis;
    else {
      try {
        analysis = useAnalyzer.analyze(analysisInput(article));
        await store.putCachedAnalysis(article.id, version, JSON.stringify(analysis));
      } catch (err) {
        log(err);
        analysis = failedAnalysis(article, useAnalyzer, err);
      }
    }
    return withLabels(analysis, article);
  }

  /**
   * Everything about one comparison, or undefined for an unknown id.
   * @param comparisonId - the comparison's id
   */
  async function build(comparisonId: string): Promise<ComparisonBundle | undefined> {
    const record = await store.getComparison(comparisonId);
    if (!record) return undefined;
    const articles = await store.listArticles(comparisonId);
    const dismissals = await store.listDismissals(comparisonId);
    const { analyzer: useAnalyzer, lexiconFile } = await analyzerFor(comparisonId);
    const analyses: ArticleAnalysis[] = [];
    for (const a of articles) analyses.push(await analyzeArticle(a, useAnalyzer));
    const report = reportOf({
      analyses,
      headlines: articles.flatMap((a) => headlineAnalysis(useAnalyzer, a) ?? []),
      dismissed: dismissals,
      lexicons: useAnalyzer.versions,
    });
    return { record, articles, dismissals, lexiconFile, analyzer: useAnalyzer, report };
  }

  /**
   * What names a comparison as it is now: `${id}:${revision}:${lexicon version key}`, which
   * changes whenever anything shown would; undefined for an unknown id.
   * @param comparisonId - the comparison's id
   */
  async function revisionKey(comparisonId: string): Promise<string | undefined> {
    const revision = await store.getComparisonRevision(comparisonId);
    // The extra lexicon is part of the revision; the default analyzer's key covers the shipped and configured lexicons.
    return revision === undefined ? undefined : `${comparisonId}:${revision}:${defaultKey}`;
  }

  /**
   * A comparison built at its current revision, from memory when nothing
   * changed since it was last built; undefined for an unknown id.
   * @param comparisonId - the comparison's id
   */
  async function cached(comparisonId: string): Promise<CachedComparison | undefined> {
    // Read before building: if a write lands while we build, what we build is
    // at least as new as this revision, and the next request sees the new one.
    const key = await revisionKey(comparisonId);
    if (key === undefined) {
      built.delete(comparisonId);
      return undefined;
    }
    const hit = built.get(comparisonId);
    if (hit?.key === key) return hit;
    const bundle = await build(comparisonId);
    if (!bundle) {
      built.delete(comparisonId);
      return undefined;
    }
    // Made now, though a page request does not send it: its length measures the entry, and it costs little next to comparing.
    const body = Buffer.from(JSON.stringify(reportJson(bundle.report)));
    const json = { body, etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    const entry: CachedComparison = { key, bundle, json, pages: new Map() };
    built.set(comparisonId, entry, Math.round(2.3 * body.length));
    return entry;
  }

  /**
   * Keeps a rendered page with a comparison's cached entry, counting its bytes.
   * @param entry - what {@link cached} returned
   * @param variant - what, besides the comparison, the page depends on
   * @param page - the page's bytes
   */
  function keepPage(entry: CachedComparison, variant: string, page: RenderedPage): void {
    if (entry.pages.has(variant)) return;
    entry.pages.set(variant, page);
    built.grow(
      entry.bundle.record.id,
      entry,
      page.parts.reduce((n, p) => n + p.length, 0),
    );
  }

  /**
   * Everything about one comparison, or undefined for an unknown id. Shared
   * between requests while the comparison is unchanged: do not mutate it.
   * @param comparisonId - the comparison's id
   */
  async function load(comparisonId: string): Promise<ComparisonBundle | undefined> {
    return (await cached(comparisonId))?.bundle;
  }

  return {
    load,
    cached,
    revisionKey,
    keepPage,
    analyzeArticle,
    analyzerFor,
    lexiconSpecFor,
    buildWithExtra,
    defaultAnalyzer: analyzer,
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
