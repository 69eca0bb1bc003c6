/** What every controller may use: the configuration, the store and the analysis service. */
import type { Config } from '../config';
import type { JobPool } from '../batch/pool';
import type { Store } from '../store';
import type { AnalysisService, CachedComparison, ComparisonBundle } from './analyses';
import { HttpError } from './errors';
import type { ReportDownloads } from './report-downloads';

export interface WebContext {
  config: Config;
  store: Store;
  analyses: AnalysisService;
  /** The worker pool that extracts and analyses uploads and renders report downloads. */
  pool: JobPool;
  /** Report downloads, rendered in the pool. */
  reports: ReportDownloads;
}

/** Loads a comparison or throws 404. */
export async function requireBundle(ctx: WebContext, id: string): Promise<ComparisonBundle> {
  const bundle = await ctx.analyses.load(id);
  if (!bundle) throw new HttpError(404, `No comparison with id '${id}'`);
  return bundle;
}

/** Loads a comparison with its cached JSON and pages, or throws 404. */
export async function requireCached(ctx: WebContext, id: string): Promise<CachedComparison> {
  const cached = await ctx.analyses.cached(id);
  if (!cached) throw new HttpError(404, `No comparison with id '${id}'`);
  return cached;
}

/**
 * Checks a comparison exists (without analysing it) or throws 404.
 * @param ctx - the web context
 * @param id - the comparison's id
 * @param store - the store to read, inside a transaction the one it passes
 */
export async function requireComparison(ctx: WebContext, id: string, store: Store = ctx.store) {
  const record = await store.getComparison(id);
  if (!record) throw new HttpError(404, `No comparison with id '${id}'`);
  return record;
}

/** A route parameter as a string (Express 5 types allow arrays for wildcards). */
export const param = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join('/') : (value ?? '');
