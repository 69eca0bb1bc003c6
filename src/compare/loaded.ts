/**
 * Loaded language by source: the outlet's own loaded language (loaded terms,
 * naming choices, non-neutral reporting verbs and unattributed scare quotes,
 * each kind counted apart) per 1,000 of its own words, rates per voice and
 * per category, and the loaded terms only one article uses. Pure.
 */
import type { ArticleAnalysis, LoadedSignalKind, Voice } from '../core/types';
import { cmp, distinct, round } from './text';
import type { LoadedBySource, LoadedTermsComparison, Rate, UniqueTerm } from './types';

const KIND_LABELS: Record<LoadedSignalKind, [string, string]> = {
  'loaded-terms': ['loaded term', 'loaded terms'],
  'naming-variants': ['naming choice', 'naming choices'],
  'reporting-verbs': ['non-neutral reporting verb', 'non-neutral reporting verbs'],
  'scare-quotes': ['scare quote', 'scare quotes'],
};

/**
 * The kinds of loaded language in words, e.g. "3 loaded terms, 1 scare quote" ("none" when empty).
 * @param kinds - counts by kind
 */
export function describeLoadedKinds(kinds: Record<LoadedSignalKind, number>): string {
  const parts = (Object.keys(KIND_LABELS) as LoadedSignalKind[])
    .filter((k) => kinds[k] > 0)
    .map((k) => `${kinds[k]} ${KIND_LABELS[k][kinds[k] === 1 ? 0 : 1]}`);
  return parts.length ? parts.join(', ') : 'none';
}

const per1000 = (count: number, words: number) => (words ? round((count / words) * 1000, 2) : 0);

/**
 * Compares loaded-term use across articles.
 * @param analyses - the articles, in input order
 */
export function compareLoadedTerms(analyses: ArticleAnalysis[]): LoadedTermsComparison {
  const usedBy = new Map<
    string,
    { category: string; alternatives: string[]; articles: Map<string, { count: number; forms: Set<string> }> }
  >();

  const bySource: LoadedBySource[] = analyses.map((a) => {
    const loaded = a.hits.filter((h) => h.lexicon === 'loaded-terms');
    const categories = new Map<
      string,
      { count: number; quoted: number; reported: number; narration: number }
    >();
    const terms = new Map<string, { category: string; count: number; forms: Set<string> }>();
    for (const h of loaded) {
      const c = categories.get(h.category) ?? { count: 0, quoted: 0, reported: 0, narration: 0 };
      c.count++;
      c[h.voice]++;
      categories.set(h.category, c);
      const t = terms.get(h.entry) ?? { category: h.category, count: 0, forms: new Set<string>() };
      t.count++;
      t.forms.add(h.text);
      terms.set(h.entry, t);
      const u = usedBy.get(h.entry) ?? {
        category: h.category,
        alternatives: h.alternatives,
        articles: new Map<string, { count: number; forms: Set<string> }>(),
      };
      const ua = u.articles.get(a.id) ?? { count: 0, forms: new Set<string>() };
      ua.count++;
      ua.forms.add(h.text);
      u.articles.set(a.id, ua);
      usedBy.set(h.entry, u);
    }
    const byVoice = (counts: Record<Voice, { count: number }>): Record<Voice, Rate> => ({
      quoted: { count: counts.quoted.count, per1000: per1000(counts.quoted.count, a.words.quoted) },
      reported: { count: counts.reported.count, per1000: per1000(counts.reported.count, a.words.reported) },
      narration: {
        count: counts.narration.count,
        per1000: per1000(counts.narration.count, a.words.narration),
      },
    });
    // The outlet's own loaded language: every kind of signal in narration and reported speech.
    const outletWords = a.words.narration + a.words.reported;
    const kinds = { ...a.loaded.narration.kinds };
    for (const k of Object.keys(kinds) as LoadedSignalKind[]) kinds[k] += a.loaded.reported.kinds[k];
    const outletCount = a.loaded.narration.count + a.loaded.reported.count;
    return {
      articleId: a.id,
      words: {
        total: a.wordCount,
        quoted: a.words.quoted,
        reported: a.words.reported,
        narration: a.words.narration,
      },
      total: { count: outletCount, per1000: per1000(outletCount, outletWords), kinds },
      byVoice: byVoice(a.loaded),
      byCategory: [...categories.entries()]
        .sort(([x], [y]) => cmp(x, y))
        .map(([category, c]) => ({
          category,
          count: c.count,
          per1000: per1000(c.count, a.wordCount),
          quoted: c.quoted,
          reported: c.reported,
          narration: c.narration,
        })),
      terms: [...terms.entries()]
        .sort(([x, tx], [y, ty]) => ty.count - tx.count || cmp(x, y))
        .map(([entry, t]) => ({ entry, category: t.category, count: t.count, forms: distinct(t.forms) })),
      hedges: byVoice(a.hedges),
      boosters: byVoice(a.boosters),
    };
  });

  const uniqueTerms: UniqueTerm[] = [];
  if (analyses.length > 1) {
    for (const entry of [...usedBy.keys()].sort(cmp)) {
      const u = usedBy.get(entry)!;
      if (u.articles.size !== 1) continue;
      const [articleId, use] = [...u.articles.entries()][0];
      uniqueTerms.push({
        entry,
        category: u.category,
        articleId,
        count: use.count,
        forms: distinct(use.forms),
        alternatives: u.alternatives,
      });
    }
  }
  const order = new Map(analyses.map((a, i) => [a.id, i]));
  uniqueTerms.sort(
    (x, y) => order.get(x.articleId)! - order.get(y.articleId)! || y.count - x.count || cmp(x.entry, y.entry),
  );
  return { bySource, uniqueTerms };
}
