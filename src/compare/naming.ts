/**
 * Naming alignment: which variant of each contested name (Kiev/Kyiv,
 * separatists/rebels) every article chose, and how each labels the actors of
 * the actors lexicon. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import { cmp, distinct } from './text';
import type { ActorLabelRow, NamingComparison, NamingRow, VariantUse } from './types';

/** Each article's use of one row (in article order), and the ids of the articles that never use it. */
function usesByArticle<V, U>(
  analyses: ArticleAnalysis[],
  byArticle: Map<string, V>,
  toUse: (articleId: string, value: V) => U,
): { uses: U[]; absent: string[] } {
  const uses: U[] = [];
  const absent: string[] = [];
  for (const a of analyses) {
    const value = byArticle.get(a.id);
    if (value === undefined) absent.push(a.id);
    else uses.push(toUse(a.id, value));
  }
  return { uses, absent };
}

/**
 * Aligns naming choices across articles.
 * @param analyses - the articles, in input order
 */
export function compareNaming(analyses: ArticleAnalysis[]): NamingComparison {
  // concept → article → variant → use
  const concepts = new Map<
    string,
    { category: string; byArticle: Map<string, Map<string, VariantUse & { formSet: Set<string> }>> }
  >();
  const actors = new Map<
    string,
    { affiliation: string | null; byArticle: Map<string, Map<string, number>> }
  >();

  for (const a of analyses) {
    for (const n of a.names) {
      const c = concepts.get(n.concept) ?? {
        category: n.category,
        byArticle: new Map<string, Map<string, VariantUse & { formSet: Set<string> }>>(),
      };
      concepts.set(n.concept, c);
      const variants = c.byArticle.get(a.id) ?? new Map<string, VariantUse & { formSet: Set<string> }>();
      c.byArticle.set(a.id, variants);
      const use = variants.get(n.variant) ?? {
        variant: n.variant,
        count: 0,
        quoted: 0,
        forms: [],
        formSet: new Set<string>(),
      };
      use.count++;
      if (n.voice === 'quoted') use.quoted++;
      use.formSet.add(n.text);
      variants.set(n.variant, use);
    }
    for (const h of a.hits) {
      if (h.lexicon === 'actors') {
        const r = actors.get(h.entry) ?? {
          affiliation: h.affiliation ?? null,
          byArticle: new Map<string, Map<string, number>>(),
        };
        actors.set(h.entry, r);
        const forms = r.byArticle.get(a.id) ?? new Map<string, number>();
        r.byArticle.set(a.id, forms);
        forms.set(h.text, (forms.get(h.text) ?? 0) + 1);
      }
    }
  }

  const conceptRows: NamingRow[] = [...concepts.keys()].sort(cmp).map((concept) => {
    const c = concepts.get(concept)!;
    const { uses, absent } = usesByArticle(analyses, c.byArticle, (articleId, vs) => ({
      articleId,
      variants: [...vs.values()]
        .sort((x, y) => y.count - x.count || cmp(x.variant, y.variant))
        .map((u) => ({ variant: u.variant, count: u.count, quoted: u.quoted, forms: distinct(u.formSet) })),
    }));
    // Variant choice is compared as the set of variants each article used: a
    // different set is the signal the naming-variants lexicon documents (e.g.
    // AP's 2019 switch to "Kyiv"); counts alone are article length.
    const signature = (u: NamingRow['uses'][number]) =>
      u.variants
        .map((v) => v.variant)
        .sort(cmp)
        .join('|');
    const differs = new Set(uses.map(signature)).size > 1;
    return { concept, category: c.category, uses, absent, differs };
  });

  const actorRows: ActorLabelRow[] = [...actors.keys()].sort(cmp).map((actor) => {
    const r = actors.get(actor)!;
    const { uses, absent } = usesByArticle(analyses, r.byArticle, (articleId, forms) => ({
      articleId,
      forms: [...forms.entries()]
        .map(([form, count]) => ({ form, count }))
        .sort((x, y) => y.count - x.count || cmp(x.form, y.form)),
    }));
    // A label differs when the articles use different sets of forms, each
    // reduced to its last word: "Sergei Ryabkov" then "Ryabkov" is the usual
    // first/later mention (AP Stylebook: surname on second reference) and
    // "the Kremlin"/"Kremlin" the same name, while "RIA Novosti"/"RIA News"
    // is a real labelling choice.
    const head = (form: string) => form.toLowerCase().split(/\s+/).pop()!;
    const signature = (u: ActorLabelRow['uses'][number]) =>
      distinct(u.forms.map((f) => head(f.form))).join('|');
    const differs = new Set(uses.map(signature)).size > 1;
    return { actor, affiliation: r.affiliation, uses, absent, differs };
  });

  return {
    concepts: conceptRows,
    actors: actorRows,
    differences: conceptRows.filter((r) => r.differs).map((r) => r.concept),
  };
}
