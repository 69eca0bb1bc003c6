/**
 * Loaded language by source: counts and per-1,000-word rates per category
 * and per voice, and the loaded terms only one article uses. Pure.
 */
import type { ArticleAnalysis, Voice } from '../core/types';
import { cmp, distinct, round } from './text';
import type { LoadedBySource, LoadedTermsComparison, Rate, UniqueTerm } from './types';

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
    const categories = new Map<string, { count: number; quoted: number; narration: number }>();
    const terms = new Map<string, { category: string; count: number; forms: Set<string> }>();
    for (const h of loaded) {
      const c = categories.get(h.category) ?? { count: 0, quoted: 0, narration: 0 };
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
      narration: {
        count: counts.narration.count,
        per1000: per1000(counts.narration.count, a.words.narration),
      },
    });
    const voiceCounts = { quoted: { count: 0 }, narration: { count: 0 } };
    for (const h of loaded) voiceCounts[h.voice].count++;
    return {
      articleId: a.id,
      words: { total: a.wordCount, quoted: a.words.quoted, narration: a.words.narration },
      total: { count: loaded.length, per1000: per1000(loaded.length, a.wordCount) },
      byVoice: byVoice(voiceCounts),
      byCategory: [...categories.entries()]
        .sort(([x], [y]) => cmp(x, y))
        .map(([category, c]) => ({
          category,
          count: c.count,
          per1000: per1000(c.count, a.wordCount),
          quoted: c.quoted,
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
