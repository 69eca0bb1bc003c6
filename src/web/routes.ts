/**
 * The route table: every URL of the app in one place, each with its
 * middleware and a verb-first controller.
 */
import express, { type RequestHandler, type Router } from 'express';
import { articleControllers } from './controllers/articles';
import { comparisonControllers } from './controllers/comparisons';
import { dismissalControllers } from './controllers/dismissals';
import { healthControllers } from './controllers/health';
import { lexiconControllers } from './controllers/lexicons';
import { reportControllers } from './controllers/reports';
import { sessionControllers } from './controllers/session';
import type { WebContext } from './context';
import type { Auth, createCsrf, createRateLimits } from './security';
import { articleUpload, lexiconUpload } from './uploads';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Route = [Method, string, ...RequestHandler[]];

export interface Guards {
  auth: Auth;
  csrf: ReturnType<typeof createCsrf>;
  limits: ReturnType<typeof createRateLimits>;
}

/**
 * Builds the router. Every write route (POST, PUT, PATCH, DELETE) gets, in order:
 * the rate limit, its own middleware (multer for uploads), the CSRF check
 * (after multer, so the `_csrf` field of a multipart form is read) and the
 * controller, which is always the last handler of a row.
 * @param ctx - configuration, store and analyses
 * @param guards - access token, CSRF and rate limits
 */
export function buildRoutes(ctx: WebContext, guards: Guards): Router {
  const comparisons = comparisonControllers(ctx);
  const articles = articleControllers(ctx);
  const dismissals = dismissalControllers(ctx);
  const lexicons = lexiconControllers(ctx);
  const reports = reportControllers(ctx);
  const health = healthControllers(ctx);
  const session = sessionControllers(ctx, guards.auth);
  const upload = articleUpload(ctx.config);
  const uploadLexicon = lexiconUpload(ctx.config);

  const table: Route[] = [
    ['get', '/healthz', health.getHealth],
    ['get', '/login', session.getLogin],
    ['post', '/login', session.postLogin],
    ['post', '/logout', session.postLogout],

    // Pages and their forms (POST, so they work without JavaScript).
    ['get', '/', comparisons.getHome],
    ['post', '/comparisons', comparisons.postComparisonForm],
    ['get', '/comparisons/:id', comparisons.getComparisonPage],
    ['get', '/comparisons/:id/edit', comparisons.getComparisonEditPage],
    ['post', '/comparisons/:id/edit', comparisons.postComparisonEditForm],
    ['post', '/comparisons/:id/delete', comparisons.postDeleteComparisonForm],
    ['post', '/comparisons/:id/articles', upload, articles.postArticlesForm],
    ['get', '/comparisons/:id/articles/:articleId', articles.getArticlePage],
    ['get', '/comparisons/:id/articles/:articleId/original', articles.getOriginalFile],
    ['post', '/comparisons/:id/articles/:articleId', articles.postArticleForm],
    ['post', '/comparisons/:id/articles/:articleId/text', articles.postArticleTextForm],
    ['post', '/comparisons/:id/articles/:articleId/delete', articles.postDeleteArticleForm],
    ['post', '/comparisons/:id/dismissals', dismissals.postDismissalForm],
    ['post', '/comparisons/:id/dismissals/:dismissalId/delete', dismissals.postRestoreForm],
    ['get', '/comparisons/:id/report.:format', reports.getReport],
    ['get', '/lexicons', lexicons.getLexicons],
    ['get', '/comparisons/:id/lexicons', lexicons.getComparisonLexicons],
    ['post', '/comparisons/:id/lexicons', uploadLexicon, lexicons.postComparisonLexicon],
    ['post', '/comparisons/:id/lexicons/delete', lexicons.postDeleteComparisonLexicon],

    // JSON API.
    ['get', '/api/comparisons', comparisons.getComparisons],
    ['post', '/api/comparisons', comparisons.postComparison],
    ['get', '/api/comparisons/:id', comparisons.getComparison],
    ['patch', '/api/comparisons/:id', comparisons.patchComparison],
    ['delete', '/api/comparisons/:id', comparisons.deleteComparison],
    ['post', '/api/comparisons/:id/articles', upload, articles.postArticles],
    ['get', '/api/comparisons/:id/articles/:articleId', articles.getArticle],
    ['patch', '/api/comparisons/:id/articles/:articleId', articles.patchArticle],
    ['put', '/api/comparisons/:id/articles/:articleId/text', articles.putArticleText],
    ['delete', '/api/comparisons/:id/articles/:articleId', articles.deleteArticle],
    ['post', '/api/comparisons/:id/dismissals', dismissals.postDismissal],
    ['delete', '/api/comparisons/:id/dismissals/:dismissalId', dismissals.deleteDismissal],
  ];

  const router = express.Router();
  for (const [method, path, ...handlers] of table) {
    // The health check stays unlimited: monitors poll it, and it costs nothing.
    if (method === 'get')
      router.get(path, ...(path === '/healthz' ? [] : [guards.limits.reads]), ...handlers);
    else
      router[method](
        path,
        guards.limits.writes,
        ...handlers.slice(0, -1),
        guards.csrf.protect,
        handlers.at(-1)!,
      );
  }
  return router;
}
