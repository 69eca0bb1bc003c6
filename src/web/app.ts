/**
 * Builds the Express app (no listening: tests use it directly, server.ts
 * listens). Security headers with a strict Content-Security-Policy: scripts
 * and styles only from /public, nothing inline.
 */
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Config } from '../config';
import { createJobPool, type JobPool } from '../batch/pool';
import type { Analyzer } from '../core/analyze';
import { lexiconSources as readSources } from '../lexicon/load';
import type { LexiconSource } from '../lexicon/parse';
import type { Store } from '../store';
import { createAnalysisService } from './analyses';
import { isolateHtml } from '../report/escape';
import { handleErrors, notFound } from './errors';
import { createReportDownloads } from './report-downloads';
import { buildRoutes } from './routes';
import { createAuth, createCsrf, createRateLimits } from './security';

const ROOT = path.resolve(__dirname, '..', '..');

export interface AppDeps {
  config: Config;
  store: Store;
  /** Built once from the shipped lexicons plus `config.lexiconDirs`. */
  analyzer: Analyzer;
  /** The files behind `analyzer`, merged with a comparison's extra lexicon; defaults to reading the shipped and configured folders. */
  lexiconSources?: () => LexiconSource[];
  /** Where unexpected errors are logged. */
  log?: (err: unknown) => void;
  /** The worker pool for extraction and analysis; by default one per distinct set of limits, shared by the apps of a process. */
  pool?: JobPool;
}

const pools = new Map<string, JobPool>();

/** The pool for a configuration's limits, created on first use and shared by every app with the same limits. */
export function poolFor(config: Config): JobPool {
  const options = {
    workers: config.workers,
    budgetMs: config.jobSeconds * 1000,
    memoryMb: config.jobMemoryMb,
  };
  const key = JSON.stringify(options);
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = createJobPool(options)));
  return pool;
}

/** Ends the workers of every pool {@link poolFor} made (shutdown, end of a test file). */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

/**
 * Builds the app.
 * @param deps - configuration, store and analyzer, created by the caller
 */
export function createApp({ config, store, analyzer, lexiconSources, log, pool }: AppDeps): Express {
  let sources: LexiconSource[] | undefined;
  const baseSources = lexiconSources ?? (() => (sources ??= readSources(config.lexiconDirs)));
  const analyses = createAnalysisService({ store, analyzer, baseSources, log, cacheDir: config.cacheDir });
  const jobs = pool ?? poolFor(config);
  const reports = createReportDownloads({ store, analyses, pool: jobs, log });
  const ctx = { config, store, analyses, pool: jobs, reports };
  const auth = createAuth(config.token);
  const csrf = createCsrf(store, auth);

  const app = express();
  app.disable('x-powered-by');
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Views write user strings (titles, sources, names, quoted words) through bdi(): escaped, in a <bdi> of their own.
  app.locals.bdi = isolateHtml;
  app.set('query parser', 'simple');
  // Behind N proxies, believe their X-Forwarded-For (rate limits) and X-Forwarded-Proto (Secure cookies, HSTS).
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          connectSrc: ["'self'"],
          // The app cannot know whether a TLS proxy is in front of it; upgrading would break plain-HTTP LAN use.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // Sent only over HTTPS (below): over plain HTTP it means nothing, and the app may be served on a LAN without TLS.
      strictTransportSecurity: false,
    }),
  );
  const hsts = helmet.strictTransportSecurity();
  app.use((req, res, next) => {
    // Pages and data may be private (an access token) and change with every upload: never kept by a browser or proxy cache.
    if (!req.path.startsWith('/public/')) res.set('Cache-Control', 'no-store');
    if (req.secure) return hsts(req, res, next);
    next();
  });
  app.use(cookieParser());
  app.use('/public', express.static(path.join(ROOT, 'public'), { maxAge: '1h', index: false }));
  const bodyLimit = config.maxFileBytes + 64 * 1024;
  app.use(express.json({ limit: bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: bodyLimit }));
  app.use((req, res, next) => {
    res.locals.csrfToken = '';
    res.locals.signedIn = auth.enabled && !auth.viaBearer(req) && auth.sessionId(req) !== '';
    res.locals.limits = {
      maxFiles: config.maxFiles,
      maxFileMb: Math.round((config.maxFileBytes / 1048576) * 10) / 10,
    };
    next();
  });
  app.use(auth.requireToken);
  app.use(csrf.loadSecret);
  // Pages get a CSRF token for their forms; the JSON API, health check and downloads need none.
  const formless = /^\/(?:api\/|healthz$)|\/(?:report\.\w+|original)$/;
  app.use((req, res, next) =>
    req.method === 'GET' && !formless.test(req.path) ? csrf.provideToken(req, res, next) : next(),
  );
  app.use(buildRoutes(ctx, { auth, csrf, limits: createRateLimits(config) }));
  app.use(notFound);
  app.use(handleErrors({ maxFileBytes: config.maxFileBytes, maxFiles: config.maxFiles }, log));
  return app;
}
