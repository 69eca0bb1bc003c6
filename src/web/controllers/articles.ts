/**
 * Articles of a comparison: uploading a batch (API and form), re-labelling,
 * removing, the single-article page and the original file.
 */
import type { Request, Response } from 'express';
import { param, requireBundle, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { articlePageModel } from '../models';
import { versionKey } from '../analyses';
import { decodeArticleBatch } from '../uploads';
import { parseArticlePatch } from '../validate';
import type { ArticleRecord } from '../../store';

/** What the API tells about an article. */
function articleJson(a: ArticleRecord, wordCount?: number) {
  return {
    id: a.id,
    comparisonId: a.comparisonId,
    source: a.source,
    title: a.title,
    date: a.date,
    url: a.url,
    author: a.author,
    fileName: a.fileName,
    ...(wordCount === undefined ? {} : { wordCount }),
    page: `/comparisons/${a.comparisonId}/articles/${a.id}`,
  };
}

export function articleControllers(ctx: WebContext) {
  const { store, analyses } = ctx;

  /** Decodes, analyses and stores a batch in one transaction, caching the analyses. */
  async function storeBatch(req: Request) {
    const comparisonId = param(req.params.id);
    requireComparison(ctx, comparisonId);
    const { analyzer, spec } = analyses.lexiconSpecFor(comparisonId);
    const decoded = await decodeArticleBatch(req, {
      pool: ctx.pool,
      lexicons: spec,
      limits: { maxTextChars: ctx.config.maxTextChars, maxParagraphs: ctx.config.maxParagraphs },
    });
    const version = versionKey(analyzer);
    return store.transaction(() => {
      // The comparison may have been deleted while the batch was analysed: 404, not a foreign-key 500.
      requireComparison(ctx, comparisonId);
      const records = store.addArticles(
        comparisonId,
        decoded.map((d) => d.record),
      );
      records.forEach((r, i) =>
        store.putCachedAnalysis(r.id, version, JSON.stringify({ ...decoded[i].analysis, id: r.id })),
      );
      return records.map((r, i) => articleJson(r, decoded[i].analysis.wordCount));
    });
  }

  function findArticle(req: Request): ArticleRecord {
    const comparisonId = param(req.params.id);
    requireComparison(ctx, comparisonId);
    const article = store.getArticle(comparisonId, param(req.params.articleId));
    if (!article)
      throw new HttpError(404, `No article with id '${param(req.params.articleId)}' in this comparison`);
    return article;
  }

  return {
    async postArticles(req: Request, res: Response) {
      res.status(201).json({ articles: await storeBatch(req) });
    },

    async postArticlesForm(req: Request, res: Response) {
      await storeBatch(req);
      res.redirect(303, `/comparisons/${param(req.params.id)}`);
    },

    getArticle(req: Request, res: Response) {
      res.json({ article: articleJson(findArticle(req)) });
    },

    patchArticle(req: Request, res: Response) {
      const article = findArticle(req);
      const updated = store.updateArticle(article.comparisonId, article.id, parseArticlePatch(req.body))!;
      res.json({ article: articleJson(updated) });
    },

    postArticleForm(req: Request, res: Response) {
      const article = findArticle(req);
      let patch: ReturnType<typeof parseArticlePatch>;
      try {
        patch = parseArticlePatch(req.body);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        // A refused edit comes back to the same form, with the message and what was typed.
        const bundle = requireBundle(ctx, article.comparisonId);
        const typed = (name: string) => {
          const v = (req.body as Record<string, unknown> | undefined)?.[name];
          return typeof v === 'string' ? v : '';
        };
        const values = { source: typed('source'), title: typed('title'), date: typed('date') };
        res.status(err.status).render('article', {
          ...articlePageModel(bundle, article.id),
          edit: { error: err.message, values },
        });
        return;
      }
      store.updateArticle(article.comparisonId, article.id, patch);
      res.redirect(303, `/comparisons/${article.comparisonId}#article-${article.id}`);
    },

    deleteArticle(req: Request, res: Response) {
      const article = findArticle(req);
      store.deleteArticle(article.comparisonId, article.id);
      res.status(204).end();
    },

    postDeleteArticleForm(req: Request, res: Response) {
      const article = findArticle(req);
      store.deleteArticle(article.comparisonId, article.id);
      res.redirect(303, `/comparisons/${article.comparisonId}`);
    },

    getArticlePage(req: Request, res: Response) {
      const article = findArticle(req);
      const bundle = requireBundle(ctx, article.comparisonId);
      res.render('article', articlePageModel(bundle, article.id));
    },

    getOriginalFile(req: Request, res: Response) {
      const article = findArticle(req);
      const file = store.getOriginalFile(article.id);
      if (!file) throw new HttpError(404, 'This article was pasted, so there is no original file');
      // Served as a download with a neutral type, never rendered by the browser.
      res.attachment(file.fileName).type('application/octet-stream').send(file.content);
    },
  };
}
