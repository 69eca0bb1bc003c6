/** Dismissing a flag the user judges wrong, and undoing it. Dismissals are stored with the comparison. */
import type { Request, Response } from 'express';
import { param, requireBundle, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { hasFlag } from '../../core/flags';
import { headlineAnalysis } from '../../core/headline';
import { parseDismissal } from '../validate';

export function dismissalControllers(ctx: WebContext) {
  const { store, analyses } = ctx;

  /** Checks the flag exists in the article's current analysis, then records it. */
  async function dismiss(req: Request) {
    const comparisonId = param(req.params.id);
    const bundle = await requireBundle(ctx, comparisonId);
    const d = parseDismissal(req.body);
    const article = bundle.articles.find((a) => a.id === d.articleId);
    if (!article) throw new HttpError(404, `No article with id '${d.articleId}' in this comparison`);
    // A headline flag is one of the title's own analysis, with offsets into the title.
    const analysis =
      d.part === 'headline'
        ? headlineAnalysis(bundle.analyzer, article)
        : await analyses.analyzeArticle(article, bundle.analyzer);
    if (!analysis || !hasFlag(analysis, d))
      throw new HttpError(
        422,
        `No ${d.kind} flag '${d.entry}' at ${d.start}-${d.end} in this article's ${d.part === 'headline' ? 'headline' : 'text'}`,
      );
    return store.addDismissal(comparisonId, { ...d, text: analysis.text.slice(d.start, d.end) });
  }

  return {
    async postDismissal(req: Request, res: Response) {
      res.status(201).json({ dismissal: await dismiss(req) });
    },

    async postDismissalForm(req: Request, res: Response) {
      const d = await dismiss(req);
      res.redirect(
        303,
        `/comparisons/${d.comparisonId}#${d.part === 'headline' ? 'headlines' : `article-${d.articleId}`}`,
      );
    },

    async deleteDismissal(req: Request, res: Response) {
      await requireComparison(ctx, param(req.params.id));
      if (!(await store.deleteDismissal(param(req.params.id), param(req.params.dismissalId))))
        throw new HttpError(404, `No dismissal with id '${param(req.params.dismissalId)}'`);
      res.status(204).end();
    },

    async postRestoreForm(req: Request, res: Response) {
      await requireComparison(ctx, param(req.params.id));
      if (!(await store.deleteDismissal(param(req.params.id), param(req.params.dismissalId))))
        throw new HttpError(404, `No dismissal with id '${param(req.params.dismissalId)}'`);
      res.redirect(303, `/comparisons/${param(req.params.id)}#dismissed`);
    },
  };
}
