/**
 * A plain-language summary of the differences that hold, generated from the
 * other parts (no language model). Every claim comes from a finding that
 * passed its own check (the same quotation, the same merged speaker, a fact
 * really absent, the outlets' own words, speech about this event), cites the
 * passages a reader can check it against, and is ranked by how much it tells
 * a reader. When nothing strong differs, the summary says so. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import { UNKNOWN_SIDE } from './attributions';
import { isolateText } from '../core/bidi';
import { articleLabeller, pct, round } from './text';
import type { Comparison, PassageRef, Stance, StanceUse, SummaryClaim, Summary } from './types';

/**
 * Below these, a difference is within what rewording alone produces; they are
 * the project's own calibration on the seed events, not published cut-offs.
 */
const MIN_SIDE_SPREAD = 0.25;
const MIN_LOADED_SPREAD = 2;
/** Fewest loaded terms in an outlet's own words for its rate to be worth a line: one or two are chance. */
const MIN_LOADED_COUNT = 3;
/**
 * Share of the quoted and reported words that must come from speakers with a
 * known side before sides are compared: a share computed over mostly unknown
 * speakers says nothing about the sides.
 */
const MIN_KNOWN_SHARE = 0.5;
/** Fact omissions the summary names at most: the rest are in the omissions list. */
const MAX_FACT_LINES = 2;
/** Speakers quoted by some outlets and not others that the summary names at most. */
const MAX_SPEAKER_LINES = 2;

/**
 * What each kind of claim tells a reader, for ranking: shared copy changes how
 * every other line is read; a word choice or a verb choice is framing in the
 * outlet's own words; a left-out fact or voice is framing by selection.
 */
const WEIGHT = {
  syndication: 10,
  naming: 8,
  asymmetry: 7,
  quote: 6,
  factOmission: 5,
  sides: 4,
  speakerOmission: 4,
  loaded: 3,
} as const;

const quote = (s: string, max = 90) => {
  const t = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:]$/, '');
  return `“${isolateText(t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t)}”`;
};
const list = (xs: string[]) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** The sentence of an article around an offset, as a passage. */
function sentenceRef(a: ArticleAnalysis, offset: number): PassageRef {
  const s = a.tone.sentences.find((x) => x.start <= offset && offset < x.end);
  const [start, end] = s ? [s.start, s.end] : [offset, offset];
  return { articleId: a.id, start, end, text: a.text.slice(start, end) };
}

/**
 * Words of an outlet's own voice: narration, and reported speech where the
 * analysis tells it apart (a paraphrase is worded by the outlet).
 */
function ownWords(a: ArticleAnalysis): number {
  return a.words.narration + ((a.words as { reported?: number }).reported ?? 0);
}

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
  const byId = new Map(analyses.map((a) => [a.id, a]));
  const claims: (SummaryClaim & { weight: number; order: number })[] = [];
  const push = (c: SummaryClaim, weight: number) => {
    if (c.passages.length) claims.push({ ...c, weight, order: claims.length });
  };

  for (const cluster of parts.syndication.clusters.slice(0, 2)) {
    const pairs = parts.syndication.pairs.filter((p) => cluster.includes(p.a) && cluster.includes(p.b));
    const shared = pairs.flatMap((p) => p.shared);
    const sharedCount = pairs.reduce((k, p) => k + p.sharedCount, 0);
    const whole = pairs.every((p) => p.kind === 'copy');
    push(
      {
        text: whole
          ? `${list(cluster.map(label))} carry near-identical copy (${pct(pairs[0].jaccard)} of word sequences shared), so they count as one account, not ${cluster.length}.`
          : `${list(cluster.map(label))} share at least ${sharedCount} sentences word for word, so on those they count as one account, not ${cluster.length}.`,
        evidence: { part: 'syndication', key: cluster.join('|') },
        passages: shared.slice(0, 3).flatMap((s) => [s.a, s.b]),
      },
      WEIGHT.syndication,
    );
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
    const passages = r.uses.flatMap((u) =>
      u.variants.map((v) => {
        const a = byId.get(u.articleId)!;
        const use = a.names.find((n) => n.concept === r.concept && n.variant === v.variant);
        return use ? sentenceRef(a, use.start) : null;
      }),
    );
    push(
      {
        text: `Naming differs (${r.concept}): ${parts_.join('; ')}.`,
        evidence: { part: 'naming', key: r.concept },
        passages: passages.filter((p): p is PassageRef => p !== null),
      },
      WEIGHT.naming,
    );
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
    const passages = [...a.distancing, ...a.credited].flatMap((u) =>
      u.verbStarts.slice(0, 2).map((at) => sentenceRef(byId.get(u.articleId)!, at)),
    );
    push(
      {
        text: `${isolateText(a.label)} is introduced with ${list(d)}, but with ${list(c)}.`,
        evidence: { part: 'attributions', key: `${a.kind}:${a.key}` },
        passages,
      },
      WEIGHT.asymmetry,
    );
  }

  // A stance difference needs a verb in at least two articles: a quotation one outlet gives without a verb is not "introduced differently".
  const q = parts.quotes.shared.find(
    (s) => new Set(s.uses.filter((u) => u.stance).map((u) => u.stance)).size > 1,
  );
  if (q) {
    const uses = q.uses.filter((u) => u.verb).map((u) => `${quote(u.verb!)} in ${label(u.articleId)}`);
    push(
      {
        text: `The same quotation, ${quote(q.text, 60)}, is introduced with ${list(uses)}.`,
        evidence: { part: 'quotes', key: q.id },
        passages: q.uses.map((u) => sentenceRef(byId.get(u.articleId)!, u.start)),
      },
      WEIGHT.quote,
    );
  }

  // Facts some outlets report and another leaves out; the rest of the list is in the omissions part.
  const omitted = parts.omissions.items.filter((o) => o.kind === 'fact');
  for (const o of omitted.filter((x) => x.presentIn.length >= 2).slice(0, MAX_FACT_LINES)) {
    push(
      {
        text: `${list(o.missingFrom.map(label))} ${o.missingFrom.length > 1 ? 'leave' : 'leaves'} out a fact ${list(o.presentIn.map(label))} report: ${quote(o.label)}.`,
        evidence: { part: 'omissions', key: o.key },
        passages: o.evidence.present,
      },
      WEIGHT.factOmission,
    );
  }
  if (analyses.length > 2 && !omitted.some((x) => x.presentIn.length >= 2)) {
    const only = omitted.find((x) => x.presentIn.length === 1);
    if (only)
      push(
        {
          text: `Only ${label(only.presentIn[0])} reports that ${quote(only.label)}.`,
          evidence: { part: 'omissions', key: only.key },
          passages: only.evidence.present,
        },
        WEIGHT.factOmission - 2,
      );
  }

  const speakerLine = sidesClaim(parts, label, byId);
  if (speakerLine) push(speakerLine, WEIGHT.sides);

  const voices = parts.omissions.items
    .filter((o) => o.kind === 'speaker' && o.key.startsWith('person:'))
    .sort((x, y) => y.presentIn.length - x.presentIn.length || x.key.localeCompare(y.key))
    .slice(0, MAX_SPEAKER_LINES);
  for (const o of voices) {
    const quoting = list(o.presentIn.map(label));
    push(
      {
        text: `${quoting} ${o.presentIn.length > 1 ? 'quote' : 'quotes'} ${isolateText(o.label)}; ${list(o.missingFrom.map(label))} ${o.missingFrom.length > 1 ? 'do' : 'does'} not.`,
        evidence: { part: 'omissions', key: o.key },
        passages: o.evidence.present,
      },
      WEIGHT.speakerOmission,
    );
  }

  // Loaded terms in the outlets' own words: a term inside a quotation is the speaker's choice.
  const rates = analyses.map((a) => {
    const hits = a.hits.filter((h) => h.lexicon === 'loaded-terms' && h.voice !== 'quoted');
    const words = ownWords(a);
    return { a, hits, per1000: words ? (hits.length / words) * 1000 : 0 };
  });
  if (rates.length > 1) {
    const hi = rates.reduce((x, y) => (y.per1000 > x.per1000 ? y : x));
    const lo = rates.reduce((x, y) => (y.per1000 < x.per1000 ? y : x));
    if (hi.hits.length >= MIN_LOADED_COUNT && hi.per1000 - lo.per1000 >= MIN_LOADED_SPREAD) {
      const terms = [...new Set(hi.hits.map((h) => h.text.toLowerCase()))].slice(0, 4).map((t) => quote(t));
      push(
        {
          text: `In its own words (outside quotations) ${label(hi.a.id)} uses loaded terms such as ${list(terms)} at ${round(hi.per1000, 1)} per 1,000 words, ${label(lo.a.id)} at ${round(lo.per1000, 1)}.`,
          evidence: { part: 'loadedTerms', key: hi.a.id },
          passages: hi.hits.slice(0, 4).map((h) => sentenceRef(hi.a, h.start)),
        },
        WEIGHT.loaded,
      );
    }
  }

  claims.sort((x, y) => y.weight - x.weight || x.order - y.order);
  const chosen: SummaryClaim[] = claims.slice(0, maxClaims).map(({ weight: _w, order: _o, ...c }) => c);
  const text = chosen.length
    ? `Comparing ${analyses.length} articles: ${chosen.map((c) => c.text).join(' ')}`
    : `No strong difference was found between the ${analyses.length} articles: no difference in naming, in how the same speaker or quotation is introduced, in the facts or speakers reported, or in loaded language passed the checks.`;
  return { text, claims: chosen };
}

/**
 * The side whose share of quoted words varies most between articles, when
 * sides mean something: at least two different known sides among the story's
 * speakers, and most of each compared article's attributed words from
 * speakers whose side is known. A domestic story whose speakers all belong to
 * one country, or one whose speakers are mostly unknown, gets no line.
 */
function sidesClaim(
  parts: Omit<Comparison, 'summary'>,
  label: (id: string) => string,
  byId: Map<string, ArticleAnalysis>,
): SummaryClaim | null {
  const known = new Set<string>();
  for (const art of parts.attributions.byArticle)
    for (const s of art.sides) if (s.side !== UNKNOWN_SIDE && s.words > 0) known.add(s.side);
  if (known.size < 2) return null;
  const compared = parts.attributions.byArticle.filter((art) => {
    const knownWords = art.sides.filter((s) => s.side !== UNKNOWN_SIDE).reduce((n, s) => n + s.words, 0);
    return art.words > 0 && knownWords / art.words >= MIN_KNOWN_SHARE;
  });
  if (compared.length < 2) return null;
  let widest: { side: string; hi: { id: string; share: number }; lo: { id: string; share: number } } | null =
    null;
  for (const side of [...known].sort()) {
    const all = compared.map((art) => ({
      id: art.articleId,
      share: art.sides.find((s) => s.side === side)?.share ?? 0,
    }));
    const hi = all.reduce((x, y) => (y.share > x.share ? y : x));
    const lo = all.reduce((x, y) => (y.share < x.share ? y : x));
    if (
      hi.share - lo.share >= MIN_SIDE_SPREAD &&
      (!widest || hi.share - lo.share > widest.hi.share - widest.lo.share)
    )
      widest = { side, hi, lo };
  }
  if (!widest) return null;
  const w = widest;
  const speakersOf = (id: string) =>
    parts.attributions.byArticle
      .find((x) => x.articleId === id)!
      .speakers.filter((s) => s.side === w.side)
      .map((s) => isolateText(s.speaker));
  const hiArticle = parts.attributions.byArticle.find((x) => x.articleId === w.hi.id)!;
  const passages: PassageRef[] = hiArticle.speakers
    .filter((s) => s.side === w.side)
    .slice(0, 3)
    .flatMap((s) => s.attributions.slice(0, 1).map((at) => sentenceRef(byId.get(w.hi.id)!, at.start)));
  return {
    text: `Speakers from the ${w.side} side (${list(speakersOf(w.hi.id).slice(0, 3))}) get ${pct(w.hi.share)} of the quoted and reported words in ${label(w.hi.id)} but ${pct(w.lo.share)} in ${label(w.lo.id)}.`,
    evidence: { part: 'attributions', key: `side:${w.side}` },
    passages,
  };
}
