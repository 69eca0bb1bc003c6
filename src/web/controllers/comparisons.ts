/**
 * Comparisons: the home page, creating and deleting, the side-by-side page
 * and its JSON.
 */
import type { Request, Response } from 'express';
import { renderJson } from '../../report';
import { param, requireBundle, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { comparisonPageModel } from '../models';
import { parseNewComparison } from '../validate';

export function comparisonControllers(ctx: WebContext) {
  const { store } = ctx;

  const summary = (id: string) => store.listComparisons().find((c) => c.id === id);

  return {
    getHome(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      res.render('home', { title: 'framelens', q, comparisons: store.listComparisons(q) });
    },

    getComparisons(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      res.json({ comparisons: store.listComparisons(q) });
    },

    postComparison(req: Request, res: Response) {
      const input = parseNewComparison(req.body);
      const created = store.createComparison(input);
      res.status(201).location(`/api/comparisons/${created.id}`).json({ id: created.id, ...summary(created.id) });
    },

    postComparisonForm(req: Request, res: Response) {
      const created = store.createComparison(parseNewComparison(req.body));
      res.redirect(303, `/comparisons/${created.id}`);
    },

    getComparison(req: Request, res: Response) {
      const bundle = requireBundle(ctx, param(req.params.id));
      res.type('application/json').send(renderJson(bundle.report));
    },

    getComparisonPage(req: Request, res: Response) {
      const bundle = requireBundle(ctx, param(req.params.id));
      res.render('comparison', comparisonPageModel(bundle, ctx.config));
    },

    deleteComparison(req: Request, res: Response) {
      if (!store.deleteComparison(param(req.params.id))) throw new HttpError(404, `No comparison with id '${param(req.params.id)}'`);
      res.status(204).end();
    },

    postDeleteComparisonForm(req: Request, res: Response) {
      requireComparison(ctx, param(req.params.id));
      store.deleteComparison(param(req.params.id));
      res.redirect(303, '/');
    },
  };
}
