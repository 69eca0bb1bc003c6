/**
 * The lexicon page: every entry with its citation; per comparison it also
 * accepts one extra lexicon file, validated before it is stored.
 */
import path from 'node:path';
import type { Request, Response } from 'express';
import { LEXICON_KINDS } from '../../lexicon/schema';
import type { LexiconSet } from '../../lexicon/parse';
import { param, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';
import { LexiconError } from '../../lexicon/parse';

export interface LexiconRow {
  id: string;
  category: string;
  patterns: string[];
  detail: string;
  alternatives: string[];
  citation: string;
}

/** Flattens a lexicon set into rows per kind for the page. */
export function lexiconRows(
  set: LexiconSet,
): { kind: string; version: string; files: string[]; rows: LexiconRow[] }[] {
  return LEXICON_KINDS.map((kind) => {
    const entries = set.entries[kind] as unknown as Record<string, unknown>[];
    const rows = entries.map((e): LexiconRow => {
      if (kind === 'given-names') {
        const names = e.names as string[];
        return {
          id: e.id as string,
          category: e.gender as string,
          patterns: [`${names.length} names: ${names.slice(0, 8).join(', ')}, …`],
          detail: e.note as string,
          alternatives: [],
          citation: e.citation as string,
        };
      }
      if (kind === 'naming-variants') {
        const variants = e.variants as { id: string; patterns: string[]; signals: string }[];
        return {
          id: e.id as string,
          category: e.category as string,
          patterns: variants.map((v) => `${v.id}: ${v.patterns.join(', ')}`),
          detail: `${e.concept as string}. ${variants.map((v) => `${v.id} signals ${v.signals}`).join('; ')}`,
          alternatives: [],
          citation: e.citation as string,
        };
      }
      const extra = [
        e.stance && `stance ${e.stance as string}`,
        e.domain && `domain ${e.domain as string}`,
        e.affiliation && `affiliation ${e.affiliation as string}`,
        e.label as string | undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      return {
        id: e.id as string,
        category: e.category as string,
        patterns: e.patterns as string[],
        detail: [extra, e.note as string].filter(Boolean).join(' — '),
        alternatives: (e.alternatives as string[] | undefined) ?? [],
        citation: e.citation as string,
      };
    });
    return { kind, version: set.versions[kind], files: set.files[kind], rows };
  });
}

export function lexiconControllers(ctx: WebContext) {
  const { store, analyses } = ctx;

  async function renderComparisonLexicons(res: Response, comparisonId: string, uploadError: string | null) {
    const comparison = await requireComparison(ctx, comparisonId);
    const { analyzer, lexiconFile } = await analyses.analyzerFor(comparison.id);
    res.render('lexicons', {
      title: `Lexicons · ${comparison.title}`,
      comparison,
      lexiconFile,
      uploadError,
      kinds: lexiconRows(analyzer.lexicons),
    });
  }

  /** Validates the uploaded lexicon against the shipped ones, then stores it; throws on a bad file. */
  async function addComparisonLexicon(req: Request, res: Response) {
    const comparison = await requireComparison(ctx, param(req.params.id));
    const file = req.file;
    if (!file)
      throw new HttpError(400, "attach a lexicon file (.yaml, .yml or .json) in the field 'lexicon'");
    const fileName = path.basename(file.originalname);
    if (!/\.(ya?ml|json)$/i.test(fileName))
      throw new HttpError(415, `${fileName}: a lexicon must be a .yaml, .yml or .json file`);
    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      throw new HttpError(422, `${fileName}: not valid UTF-8 text`);
    }
    // Throws a LexiconError naming the file, entry and field; the API answers 422.
    analyses.buildWithExtra({ fileName, content });
    await store.setComparisonLexicon(comparison.id, { fileName, content });
    if (req.accepts(['html', 'json']) === 'json') res.status(201).json({ lexicon: { fileName } });
    else res.redirect(303, `/comparisons/${comparison.id}/lexicons`);
  }

  return {
    getLexicons(_req: Request, res: Response) {
      const analyzer = analyses.defaultAnalyzer;
      res.render('lexicons', {
        title: 'Lexicons',
        comparison: null,
        lexiconFile: null,
        kinds: lexiconRows(analyzer.lexicons),
      });
    },

    async getComparisonLexicons(req: Request, res: Response) {
      await renderComparisonLexicons(res, param(req.params.id), null);
    },

    async postComparisonLexicon(req: Request, res: Response) {
      try {
        await addComparisonLexicon(req, res);
      } catch (err) {
        // From the page's form, a refused file comes back to the same page with its message.
        const refused = err instanceof HttpError || err instanceof LexiconError;
        if (!refused || req.accepts(['html', 'json']) !== 'html') throw err;
        res.status(err instanceof HttpError ? err.status : 422);
        await renderComparisonLexicons(
          res,
          param(req.params.id),
          err.message.replace(/^framelens lexicon: /, ''),
        );
      }
    },

    async postDeleteComparisonLexicon(req: Request, res: Response) {
      const comparison = await requireComparison(ctx, param(req.params.id));
      await store.setComparisonLexicon(comparison.id, null);
      res.redirect(303, `/comparisons/${comparison.id}/lexicons`);
    },
  };
}
