/**
 * Comparisons: the home page, creating and deleting, the side-by-side page
 * and its JSON.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { escapeXML } from 'ejs';
import type { CachedComparison, RenderedPage } from '../analyses';
import { param, requireCached, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { comparisonPageModel } from '../models';
import { parseComparisonPatch, parseNewComparison } from '../validate';

/**
 * Stands in for the request's CSRF token when a page is rendered for the
 * cache. Random per process, so no stored text can contain it; EJS prints it
 * unchanged (letters and digits only).
 */
const TOKEN_PLACEHOLDER = `csrf${randomBytes(24).toString('hex')}`;

export function comparisonControllers(ctx: WebContext) {
  const { store } = ctx;

  /**
   * The comparison page split at the CSRF token, rendered once per
   * comparison revision and per request variant. A page depends on the
   * request only through `res.locals` (the token and whether a session is
   * signed in); everything else comes from the cached comparison.
   */
  async function renderedPage(
    res: Response,
    entry: CachedComparison,
    withToken: boolean,
  ): Promise<RenderedPage> {
    const variant = `${res.locals.signedIn ? 'signed-in' : 'anonymous'}:${withToken ? 'token' : 'no-token'}`;
    const kept = entry.pages.get(variant);
    if (kept) return kept;
    const locals = {
      ...comparisonPageModel(entry.bundle, ctx.config),
      csrfToken: withToken ? TOKEN_PLACEHOLDER : '',
    };
    const html = await new Promise<string>((resolve, reject) =>
      res.render('comparison', locals, (err: Error | null, out: string) =>
        err ? reject(err) : resolve(out),
      ),
    );
    const parts = html.split(TOKEN_PLACEHOLDER).map((p) => Buffer.from(p));
    const digest = createHash('sha256').update(html).digest('base64url');
    const page = { parts, digest };
    ctx.analyses.keepPage(entry, variant, page);
    return page;
  }

  const summary = async (id: string) => (await store.listComparisons()).find((c) => c.id === id);

  return {
    async getHome(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      res.render('home', { title: 'framelens', q, comparisons: await store.listComparisons(q) });
    },

    async getComparisons(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      res.json({ comparisons: await store.listComparisons(q) });
    },

    async postComparison(req: Request, res: Response) {
      const input = parseNewComparison(req.body);
      const created = await store.createComparison(input);
      res
        .status(201)
        .location(`/api/comparisons/${created.id}`)
        .json({ id: created.id, ...(await summary(created.id)) });
    },

    async postComparisonForm(req: Request, res: Response) {
      const created = await store.createComparison(parseNewComparison(req.body));
      res.redirect(303, `/comparisons/${created.id}`);
    },

    async getComparison(req: Request, res: Response) {
      const { body, etag } = (await requireCached(ctx, param(req.params.id))).json;
      // Express answers 304 to a matching If-None-Match, and hashes no body when the ETag is set.
      res.set({ 'Content-Type': 'application/json; charset=utf-8', ETag: etag }).send(body);
    },

    async getComparisonPage(req: Request, res: Response) {
      const entry = await requireCached(ctx, param(req.params.id));
      const token = typeof res.locals.csrfToken === 'string' ? res.locals.csrfToken : '';
      const { parts, digest } = await renderedPage(res, entry, token !== '');
      const tokenBytes = Buffer.from(escapeXML(token));
      const body =
        parts.length === 1 ? parts[0] : Buffer.concat(parts.flatMap((p, i) => (i ? [tokenBytes, p] : [p])));
      const etag = `W/"${createHash('sha256').update(digest).update('\u0000').update(token).digest('base64url').slice(0, 27)}"`;
      res.set({ 'Content-Type': 'text/html; charset=utf-8', ETag: etag }).send(body);
    },

    async patchComparison(req: Request, res: Response) {
      const id = param(req.params.id);
      await requireComparison(ctx, id);
      await store.updateComparison(id, parseComparisonPatch(req.body));
      res.json({ id, ...(await summary(id)) });
    },

    async postComparisonEditForm(req: Request, res: Response) {
      const comparison = await requireComparison(ctx, param(req.params.id));
      try {
        await store.updateComparison(comparison.id, parseComparisonPatch(req.body));
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        // A refused edit comes back to the same form, with the message and the values entered.
        const typed = (name: string) => {
          const v = (req.body as Record<string, unknown> | undefined)?.[name];
          return typeof v === 'string' ? v : '';
        };
        res.status(err.status).render('comparison-edit', {
          title: `Edit · ${comparison.title}`,
          comparison,
          edit: { error: err.message, values: { title: typed('title'), eventDate: typed('eventDate') } },
        });
        return;
      }
      res.redirect(303, `/comparisons/${comparison.id}`);
    },

    async getComparisonEditPage(req: Request, res: Response) {
      const comparison = await requireComparison(ctx, param(req.params.id));
      res.render('comparison-edit', { title: `Edit · ${comparison.title}`, comparison, edit: null });
    },

    async deleteComparison(req: Request, res: Response) {
      if (!(await store.deleteComparison(param(req.params.id))))
        throw new HttpError(404, `No comparison with id '${param(req.params.id)}'`);
      res.status(204).end();
    },

    async postDeleteComparisonForm(req: Request, res: Response) {
      await requireComparison(ctx, param(req.params.id));
      await store.deleteComparison(param(req.params.id));
      res.redirect(303, '/');
    },
  };
}
