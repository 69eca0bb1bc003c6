/**
 * Articles of a comparison: uploading a batch (API and form), re-labelling,
 * correcting the text, removing, the single-article page and the original file.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { param, requireBundle, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { articlePageModel, duplicateArticles } from '../models';
import { analysisInput, versionKey } from '../analyses';
import { carryDismissals, type CarriedDismissals } from '../carry-dismissals';
import { headlineAnalysis } from '../../core/headline';
import { analyzeInPool, decodeArticleBatch } from '../uploads';
import { parseArticlePatch, parseArticleText } from '../validate';
import { checkTextLimits, IngestError } from '../../ingest/read';
import type { ArticlePatch, ArticleRecord, DismissalPart, DismissalRecord, Store } from '../../store';

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

/** What the article page says after a correction: how many dismissals were kept and the ones dropped. */
interface CorrectionNotice {
  kept: number;
  dropped: ReturnType<typeof droppedJson>[];
}

/** What the API and the page say about a dismissal an edit made obsolete. */
const droppedJson = (d: { dismissal: DismissalRecord; sentence: string }) => ({
  id: d.dismissal.id,
  part: d.dismissal.part,
  kind: d.dismissal.kind,
  entry: d.dismissal.entry,
  text: d.dismissal.text,
  sentence: d.sentence,
});

/**
 * How many correction notices are kept for the page the form redirects to. A notice is only
 * read by the GET that follows its POST (or a reload of it), so a few hundred cover every
 * editor at once; the oldest go first.
 */
const MAX_NOTICES = 256;

export function articleControllers(ctx: WebContext) {
  const { store, analyses } = ctx;
  /** Notices of corrections made through the form, by a random key the redirect names. */
  const notices = new Map<string, { articleId: string; notice: CorrectionNotice }>();

  /** Decodes, analyses and stores a batch in one transaction, caching the analyses. */
  async function storeBatch(req: Request) {
    const comparisonId = param(req.params.id);
    await requireComparison(ctx, comparisonId);
    const { analyzer, spec } = await analyses.lexiconSpecFor(comparisonId);
    const decoded = await decodeArticleBatch(req, {
      pool: ctx.pool,
      lexicons: spec,
      limits: { maxTextChars: ctx.config.maxTextChars, maxParagraphs: ctx.config.maxParagraphs },
    });
    const version = versionKey(analyzer);
    return store.transaction(async (tx) => {
      // The comparison may have been deleted while the batch was analysed: 404, not a foreign-key 500.
      await requireComparison(ctx, comparisonId, tx);
      const records = await tx.addArticles(
        comparisonId,
        decoded.map((d) => d.record),
      );
      for (const [i, r] of records.entries())
        await tx.putCachedAnalysis(r.id, version, JSON.stringify({ ...decoded[i].analysis, id: r.id }));
      const stored = records.map((r, i) => articleJson(r, decoded[i].analysis.wordCount));
      // Reported, not refused: the user decides which copy to drop.
      const fresh = new Set(records.map((r) => r.id));
      const duplicates = duplicateArticles(await tx.listArticles(comparisonId)).filter((d) =>
        fresh.has(d.id),
      );
      return { articles: stored, duplicates };
    });
  }

  /**
   * Replaces an article's body with corrected text, analyses it again in the
   * pool, and carries over each dismissal whose flag is still there; the
   * others are deleted and returned, to be listed.
   */
  async function correctText(req: Request) {
    const article = await findArticle(req);
    const text = article.text.slice(0, article.bodyStart) + parseArticleText(req.body);
    const limits = { maxTextChars: ctx.config.maxTextChars, maxParagraphs: ctx.config.maxParagraphs };
    const { analyzer, spec } = await analyses.lexiconSpecFor(article.comparisonId);
    let after;
    try {
      checkTextLimits('the corrected text', text, limits);
      after = await analyzeInPool('the corrected text', analysisInput(article, text), {
        pool: ctx.pool,
        lexicons: spec,
      });
    } catch (err) {
      if (err instanceof IngestError) throw new HttpError(err.status, err.message);
      throw err;
    }
    if (after.diagnostics.some((d) => d.code === 'empty-text'))
      throw new HttpError(422, 'the corrected text has no words to analyse');
    const before = await analyses.analyzeArticle(article, analyzer);
    return store.transaction(async (tx) => {
      // Dismissals read inside the transaction, so one added meanwhile is carried or listed too.
      const current = await findArticle(req, tx);
      // The headline's dismissals point into the title, which this edit leaves as it is.
      const dismissals = await dismissalsOf(tx, current, 'body');
      const carried = carryDismissals(dismissals, before, after);
      const updated = (await tx.updateArticleText(current.comparisonId, current.id, text))!;
      await tx.putCachedAnalysis(
        current.id,
        versionKey(analyzer),
        JSON.stringify({ ...after, id: current.id }),
      );
      return {
        article: articleJson(updated, after.wordCount),
        dismissals: await applyCarried(tx, current.comparisonId, carried),
      };
    });
  }

  /**
   * Changes an article's label. A new title is analysed again, and each
   * dismissal of a headline flag still there is carried over, as a text
   * correction carries the body's; the others are deleted and returned.
   */
  async function relabel(req: Request, patch: ArticlePatch) {
    const { analyzer } = await analyses.analyzerFor(param(req.params.id));
    return store.transaction(async (tx) => {
      const current = await findArticle(req, tx);
      const updated = (await tx.updateArticle(current.comparisonId, current.id, patch))!;
      let carried: CarriedDismissals<DismissalRecord> = { kept: [], dropped: [] };
      if (updated.title !== current.title) {
        const dismissals = await dismissalsOf(tx, current, 'headline');
        const before = headlineAnalysis(analyzer, current);
        const after = headlineAnalysis(analyzer, updated);
        carried =
          before && after
            ? carryDismissals(dismissals, before, after)
            : // The title was removed: none of its flags is still there.
              { kept: [], dropped: dismissals.map((d) => ({ dismissal: d, sentence: current.title ?? '' })) };
      }
      return { article: updated, dismissals: await applyCarried(tx, current.comparisonId, carried) };
    });
  }

  /** Moves the kept dismissals and deletes the dropped ones; what the API says about them. */
  async function applyCarried(tx: Store, comparisonId: string, carried: CarriedDismissals<DismissalRecord>) {
    const kept = carried.kept.map((k) => ({ id: k.dismissal.id, start: k.start, end: k.end }));
    await tx.moveDismissals(comparisonId, kept);
    for (const d of carried.dropped) await tx.deleteDismissal(comparisonId, d.dismissal.id);
    return { kept, dropped: carried.dropped.map(droppedJson) };
  }

  /** An article's dismissals of one part (its body's flags or its headline's). */
  async function dismissalsOf(from: Store, article: ArticleRecord, part: DismissalPart) {
    return (await from.listDismissals(article.comparisonId)).filter(
      (d) => d.articleId === article.id && d.part === part,
    );
  }

  /** The article a route names, read through `from` (the store, or the transaction's). */
  async function findArticle(req: Request, from: Store = store): Promise<ArticleRecord> {
    const comparisonId = param(req.params.id);
    await requireComparison(ctx, comparisonId, from);
    const article = await from.getArticle(comparisonId, param(req.params.articleId));
    if (!article)
      throw new HttpError(404, `No article with id '${param(req.params.articleId)}' in this comparison`);
    return article;
  }

  return {
    async postArticles(req: Request, res: Response) {
      res.status(201).json(await storeBatch(req));
    },

    async putArticleText(req: Request, res: Response) {
      res.json(await correctText(req));
    },

    async postArticleTextForm(req: Request, res: Response) {
      const article = await findArticle(req);
      let result: Awaited<ReturnType<typeof correctText>>;
      try {
        result = await correctText(req);
      } catch (err) {
        if (!(err instanceof HttpError) || ![400, 413, 422].includes(err.status)) throw err;
        // A refused correction comes back to the same form, with the message and the text as typed.
        const typed = (req.body as Record<string, unknown> | undefined)?.text;
        res.status(err.status).render('article', {
          ...articlePageModel(await requireBundle(ctx, article.comparisonId), article.id),
          correction: { error: err.message, text: typeof typed === 'string' ? typed : '' },
        });
        return;
      }
      // POST-redirect-GET: reloading the page that follows does not send the text again.
      const key = randomBytes(12).toString('base64url');
      notices.set(key, {
        articleId: article.id,
        notice: { kept: result.dismissals.kept.length, dropped: result.dismissals.dropped },
      });
      if (notices.size > MAX_NOTICES) notices.delete(notices.keys().next().value!);
      res.redirect(
        303,
        `/comparisons/${article.comparisonId}/articles/${article.id}?corrected=${key}#corrected`,
      );
    },

    async postArticlesForm(req: Request, res: Response) {
      await storeBatch(req);
      res.redirect(303, `/comparisons/${param(req.params.id)}`);
    },

    async getArticle(req: Request, res: Response) {
      res.json({ article: articleJson(await findArticle(req)) });
    },

    async patchArticle(req: Request, res: Response) {
      await findArticle(req);
      const { article: updated, dismissals } = await relabel(req, parseArticlePatch(req.body));
      res.json({ article: articleJson(updated), dismissals });
    },

    async postArticleForm(req: Request, res: Response) {
      const article = await findArticle(req);
      let patch: ReturnType<typeof parseArticlePatch>;
      try {
        patch = parseArticlePatch(req.body);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        // A refused edit comes back to the same form, with the message and what was typed.
        const bundle = await requireBundle(ctx, article.comparisonId);
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
      await relabel(req, patch);
      res.redirect(303, `/comparisons/${article.comparisonId}#article-${article.id}`);
    },

    async deleteArticle(req: Request, res: Response) {
      const article = await findArticle(req);
      await store.deleteArticle(article.comparisonId, article.id);
      res.status(204).end();
    },

    async postDeleteArticleForm(req: Request, res: Response) {
      const article = await findArticle(req);
      await store.deleteArticle(article.comparisonId, article.id);
      res.redirect(303, `/comparisons/${article.comparisonId}`);
    },

    async getArticlePage(req: Request, res: Response) {
      const article = await findArticle(req);
      const bundle = await requireBundle(ctx, article.comparisonId);
      const key = typeof req.query.corrected === 'string' ? req.query.corrected : '';
      const kept = notices.get(key);
      // A notice names its article: another article's page with the same query shows none.
      const corrected = kept?.articleId === article.id ? kept.notice : null;
      // "Correct the text" on the comparison page opens the form, without a script.
      const correcting = req.query.edit === 'text';
      res.render('article', { ...articlePageModel(bundle, article.id), corrected, correcting });
    },

    async getOriginalFile(req: Request, res: Response) {
      const article = await findArticle(req);
      const file = await store.getOriginalFile(article.id);
      if (!file) throw new HttpError(404, 'This article was pasted, so there is no original file');
      // Served as a download with a neutral type, never rendered by the browser.
      res.attachment(file.fileName).type('application/octet-stream').send(file.content);
    },
  };
}
