/**
 * A one-paragraph plain-language summary of the largest differences,
 * generated from the numbers of the other parts (no language model). Each
 * claim points at its evidence. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import { describeLoadedKinds } from './loaded';
import { articleLabeller, round } from './text';
import type { Comparison, Stance, StanceUse, SummaryClaim, Summary } from './types';

/**
 * Below these, a difference is within what rewording alone produces; they are
 * the project's own calibration on the seed events, not published cut-offs.
 */
const MIN_DIVERGENCE = 0.2;
const MIN_SIDE_SPREAD = 0.25;
const MIN_LOADED_SPREAD = 2;

const quote = (s: string, max = 90) => {
  const t = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:]$/, '');
  return `“${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}”`;
};
const list = (xs: string[]) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Writes the summary.
 * @param analyses - the articles, in input order
 * @param parts - the comparison without its summary
 * @param maxClaims - most claims to make
 */
export function summarize(
  analyses: ArticleAnalysis[],
  parts: Omit<Comparison, 'summary'>,
  maxClaims = 6,
): Summary {
  const label = articleLabeller(analyses);
  const claims: SummaryClaim[] = [];

  for (const cluster of parts.syndication.clusters.slice(0, 2)) {
    const pair = parts.syndication.pairs.find((p) => cluster.includes(p.a) && cluster.includes(p.b))!;
    claims.push({
      text: `${list(cluster.map(label))} carry near-identical copy (${pct(pair.jaccard)} of word sequences shared), so they count as one account, not ${cluster.length}.`,
      evidence: { part: 'syndication', key: cluster.join('|') },
    });
  }

  const naming = parts.naming.concepts
    .filter((r) => r.differs)
    .map((r) => ({ r, total: r.uses.reduce((n, u) => n + u.variants.reduce((m, v) => m + v.count, 0), 0) }))
    .sort((x, y) => y.total - x.total)
    .slice(0, 2);
  for (const { r } of naming) {
    const byVariant = new Map<string, { form: string; articles: string[] }>();
    for (const u of r.uses) {
      for (const v of u.variants) {
        const e = byVariant.get(v.variant) ?? { form: v.forms[0] ?? v.variant, articles: [] };
        e.articles.push(`${label(u.articleId)} (×${v.count})`);
        byVariant.set(v.variant, e);
      }
    }
    const parts_ = [...byVariant.values()].map((e) => `${quote(e.form)} in ${list(e.articles)}`);
    claims.push({
      text: `Naming differs (${r.concept}): ${parts_.join('; ')}.`,
      evidence: { part: 'naming', key: r.concept },
    });
  }

  for (const a of parts.attributions.asymmetries.filter((x) => x.kind === 'speaker').slice(0, 2)) {
    const verbs = (u: StanceUse, keep: (s: Stance) => boolean) =>
      u.verbs
        .filter((v) => keep(v.stance))
        .map((v) => quote(v.verb))
        .join('/');
    const d = a.distancing.map(
      (u) => `${verbs(u, (s) => s === 'distancing' || s === 'denial')} in ${label(u.articleId)}`,
    );
    const c = a.credited.map((u) => `${verbs(u, (s) => s !== 'concessive')} in ${label(u.articleId)}`);
    claims.push({
      text: `${a.label} is introduced with ${list(d)}, but with ${list(c)}.`,
      evidence: { part: 'attributions', key: `${a.kind}:${a.key}` },
    });
  }

  // The side whose share of quoted words varies most between articles.
  const sides = new Map<string, { articleId: string; share: number }[]>();
  for (const art of parts.attributions.byArticle) {
    if (!art.words) continue;
    for (const s of art.sides)
      if (s.side !== 'unaffiliated')
        (sides.get(s.side) ?? sides.set(s.side, []).get(s.side)!).push({
          articleId: art.articleId,
          share: s.share,
        });
  }
  const withWords = parts.attributions.byArticle.filter((x) => x.words > 0).map((x) => x.articleId);
  let widest: {
    side: string;
    hi: { articleId: string; share: number };
    lo: { articleId: string; share: number };
  } | null = null;
  for (const [side, shares] of [...sides.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const all = withWords.map((id) => shares.find((s) => s.articleId === id) ?? { articleId: id, share: 0 });
    const hi = all.reduce((x, y) => (y.share > x.share ? y : x));
    const lo = all.reduce((x, y) => (y.share < x.share ? y : x));
    if (
      hi.share - lo.share >= MIN_SIDE_SPREAD &&
      (!widest || hi.share - lo.share > widest.hi.share - widest.lo.share)
    )
      widest = { side, hi, lo };
  }
  if (widest) {
    claims.push({
      text: `Speakers from the ${widest.side} side get ${pct(widest.hi.share)} of the quoted and reported words in ${label(widest.hi.articleId)} but ${pct(widest.lo.share)} in ${label(widest.lo.articleId)}.`,
      evidence: { part: 'attributions', key: `side:${widest.side}` },
    });
  }

  const omitted = parts.omissions.items.find((o) => o.kind === 'fact' && o.presentIn.length >= 2);
  if (omitted) {
    claims.push({
      text: `${list(omitted.missingFrom.map(label))} ${omitted.missingFrom.length > 1 ? 'leave' : 'leaves'} out a fact ${list(omitted.presentIn.map(label))} report: ${quote(omitted.label)}.`,
      evidence: { part: 'omissions', key: omitted.key },
    });
  }

  const max = parts.frames.divergence.maxPair;
  if (max && max.divergence >= MIN_DIVERGENCE) {
    const dom = (id: string) => parts.frames.profiles.find((p) => p.articleId === id)!.dominant;
    claims.push({
      text: `Framing differs most between ${label(max.a)} (mostly ${dom(max.a)}) and ${label(max.b)} (mostly ${dom(max.b)}): Jensen–Shannon divergence ${max.divergence.toFixed(2)}.`,
      evidence: { part: 'frames', key: `${max.a}|${max.b}` },
    });
  }

  const rates = parts.loadedTerms.bySource;
  if (rates.length > 1) {
    const hi = rates.reduce((x, y) => (y.total.per1000 > x.total.per1000 ? y : x));
    const lo = rates.reduce((x, y) => (y.total.per1000 < x.total.per1000 ? y : x));
    if (hi.total.count >= 2 && hi.total.per1000 - lo.total.per1000 >= MIN_LOADED_SPREAD) {
      claims.push({
        text: `In its own words ${label(hi.articleId)} uses loaded language at ${round(hi.total.per1000, 1)} per 1,000 words (${describeLoadedKinds(hi.total.kinds)}), ${label(lo.articleId)} at ${round(lo.total.per1000, 1)}.`,
        evidence: { part: 'loadedTerms', key: hi.articleId },
      });
    }
  }

  const q = parts.quotes.shared.find((s) => s.differences.includes('stance'));
  if (q) {
    const uses = q.uses.filter((u) => u.verb).map((u) => `${quote(u.verb!)} in ${label(u.articleId)}`);
    claims.push({
      text: `The same quotation, ${quote(q.text, 60)}, is introduced with ${list(uses)}.`,
      evidence: { part: 'quotes', key: q.id },
    });
  }

  const chosen = claims.slice(0, maxClaims);
  const text = chosen.length
    ? `Comparing ${analyses.length} articles: ${chosen.map((c) => c.text).join(' ')}`
    : `No notable differences were found between the ${analyses.length} articles.`;
  return { text, claims: chosen };
}
