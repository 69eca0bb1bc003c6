/**
 * A comparison's report downloads, rendered in the worker pool: comparing a
 * large comparison and rendering its report cost seconds of CPU and hundreds
 * of MB, which must not stop the thread that answers every other request. The
 * main thread only reads the store; the pool's time budget and memory cap
 * bound each render. Renders are kept by the comparison's revision, and a
 * render already running is shared by the requests that ask for it meanwhile.
 */
import { JobFailedError, JobLimitError, type JobPool } from '../batch/pool';
import { headlineAnalysis } from '../core/headline';
import type { FormatName } from '../report';
import type { Store } from '../store';
import { analysisInput, failedAnalysis, type AnalysisService } from './analyses';
import { HttpError } from './errors';

export interface ReportDownloadsOptions {
  store: Store;
  analyses: AnalysisService;
  pool: JobPool;
  /** Bytes of rendered reports to keep (least recently used go first); default 32 MB. */
  cacheBytes?: number;
  /** Where an article the analyzer fails on is logged. */
  log?: (err: unknown) => void;
}

/**
 * Creates the renderer of report downloads.
 * @param options - the store, the analysis service, the pool and the cache's size
 */
export function createReportDownloads({
  store,
  analyses,
  pool,
  cacheBytes = 32 * 2 ** 20,
  log = (err) => console.error(err),
}: ReportDownloadsOptions) {
  const rendered = new Map<string, Buffer>();
  let renderedBytes = 0;
  const running = new Map<string, Promise<Buffer>>();

  function keep(key: string, body: Buffer): void {
    if (body.length > cacheBytes) return;
    rendered.set(key, body);
    renderedBytes += body.length;
    for (const [old, oldBody] of rendered) {
      if (renderedBytes <= cacheBytes) break;
      rendered.delete(old);
      renderedBytes -= oldBody.length;
    }
  }

  /** Each article's analysis as JSON, from the cache or analysed in the pool (and cached). */
  async function analysesOf(comparisonId: string) {
    const articles = await store.listArticles(comparisonId);
    const { analyzer, spec } = await analyses.lexiconSpecFor(comparisonId);
    const json = await Promise.all(
      articles.map(async (article) => {
        const cached = await store.getCachedAnalysis(article.id, spec.key);
        if (cached) return cached;
        try {
          const fresh = await pool.run({ kind: 'analyze', article: analysisInput(article), lexicons: spec });
          await store.putCachedAnalysis(article.id, spec.key, fresh);
          return fresh;
        } catch (err) {
          if (!(err instanceof JobFailedError || err instanceof JobLimitError)) throw err;
          log(err);
          return JSON.stringify(failedAnalysis(article, analyzer, err));
        }
      }),
    );
    return { articles, json, analyzer };
  }

  async function render(comparisonId: string, format: FormatName, key: string): Promise<Buffer> {
    const record = await store.getComparison(comparisonId);
    if (!record) throw new HttpError(404, `No comparison with id '${comparisonId}'`);
    const { articles, json, analyzer } = await analysesOf(comparisonId);
    try {
      const out = await pool.run({
        kind: 'report',
        analyses: json,
        labels: articles.map((a) => ({ id: a.id, source: a.source, title: a.title, date: a.date })),
        headlines: articles.flatMap((a) => headlineAnalysis(analyzer, a) ?? []),
        dismissed: await store.listDismissals(comparisonId),
        lexicons: analyzer.versions,
        format,
        meta: { title: record.title, eventDate: record.eventDate, createdAt: record.createdAt },
      });
      const body =
        typeof out === 'string' ? Buffer.from(out) : Buffer.from(out.buffer, out.byteOffset, out.length);
      keep(key, body);
      return body;
    } catch (err) {
      if (err instanceof JobLimitError)
        throw new HttpError(503, `report.${format}: ${err.message}; try again later`);
      throw err;
    }
  }

  return {
    /**
     * The report of a comparison as it is now, rendered in the pool or kept from an earlier request.
     * @param comparisonId - the comparison's id
     * @param format - a format of the table (src/report/formats.ts)
     */
    async get(comparisonId: string, format: FormatName): Promise<Buffer> {
      // Read before rendering: a write that lands meanwhile gives a new key, so the next request renders again.
      const revision = await analyses.revisionKey(comparisonId);
      if (revision === undefined) throw new HttpError(404, `No comparison with id '${comparisonId}'`);
      const key = `${revision}:${format}`;
      const done = rendered.get(key);
      if (done) {
        rendered.delete(key);
        rendered.set(key, done);
        return done;
      }
      let job = running.get(key);
      if (!job) {
        job = render(comparisonId, format, key).finally(() => running.delete(key));
        running.set(key, job);
      }
      return job;
    },
  };
}

export type ReportDownloads = ReturnType<typeof createReportDownloads>;
