/**
 * Same quote, different treatment: quotations several articles carry,
 * matched despite truncation and small edits, with how each article
 * introduces, trims and places them. Pure.
 */
import type { ArticleAnalysis, Attribution } from '../core/types';
import type { SpeakerIndex } from './attributions';
import { lastStartingAtOrBefore } from '../core/spans';
import { paragraphOf, round, words } from './text';
import type { QuoteComparison, QuoteUse, SharedQuote } from './types';

/** Quotations shorter than this are phrases or scare quotes, not statements. */
const MIN_QUOTE_WORDS = 5;
/** Shingle length for the candidate index. */
const SHINGLE = 4;
/**
 * Two quotations are the same when they share a run of at least eight words
 * or 60% of the shingles of the shorter one, and are not given to two
 * different speakers. Shared runs of five or six words are common between
 * different statements on one topic ("the Affordable Care Act", "the right
 * side of history"), while verbatim reuse of a source keeps longer runs
 * (Clough et al. 2002, METER corpus: derived news text shares runs well
 * beyond the short n-grams two independent texts share); containment
 * tolerates truncation (Broder 1997).
 */
const MIN_RUN = 8;
const MIN_CONTAINMENT = 0.6;
/** Postings read per shingle. */
const MAX_POSTINGS = 64;

interface Candidate {
  articleIndex: number;
  articleId: string;
  text: string;
  start: number;
  end: number;
  norms: string[];
  shingles: Set<string>;
  attribution: Attribution | null;
  paragraph: number;
}

function longestCommonRun(a: string[], b: string[]): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        if (cur[j] > best) best = cur[j]!;
      }
    }
    prev = cur;
  }
  return best;
}

/**
 * The attribution that introduces a quotation its content does not cover: a direct or partial one
 * whose verb stands in the quotation's own sentence (the nearest), else the last one before the
 * quotation in its paragraph, whose speaker goes on talking ("…,” she told The Times. “For the
 * country, …”). A verb in a later sentence introduces something else ("She even joked …").
 * Built once per article; each look-up reads only the verbs of the quotation's paragraph.
 */
function introducingAttribution(a: ArticleAnalysis): (start: number, end: number) => Attribution | null {
  // Direct and partial attributions by verb offset, each with its place in the article's order.
  const verbs = a.attributions
    .map((at, order) => ({ at, order, start: at.verbStart }))
    .filter(({ at }) => at.form === 'direct' || at.form === 'partial')
    .sort((x, y) => x.start - y.start || x.order - y.order);
  const containing = <S extends { start: number; end: number }>(spans: readonly S[], offset: number) => {
    const s = spans[lastStartingAtOrBefore(spans, offset)];
    return s && offset < s.end ? s : undefined;
  };
  return (start, end) => {
    const paragraph = containing(a.paragraphs, start);
    if (!paragraph) return null;
    const sentence = containing(a.tone.sentences, start);
    const direct: Attribution[] = [];
    const inParagraph: { at: Attribution; order: number }[] = [];
    for (let k = lastStartingAtOrBefore(verbs, paragraph.start - 1) + 1; k < verbs.length; k++) {
      if (verbs[k].start >= paragraph.end) break;
      if (verbs[k].at.verbEnd <= paragraph.end) inParagraph.push(verbs[k]);
    }
    for (const v of inParagraph.sort((x, y) => x.order - y.order)) direct.push(v.at);
    const distance = (at: Attribution) =>
      at.verbStart >= end ? at.verbStart - end : start >= at.verbEnd ? start - at.verbEnd : 0;
    const inSentence = sentence
      ? direct.filter((at) => at.verbStart >= sentence.start && at.verbEnd <= sentence.end)
      : [];
    if (inSentence.length) return inSentence.reduce((x, y) => (distance(y) < distance(x) ? y : x));
    const before = direct.filter((at) => at.verbEnd <= start);
    return before.length ? before[before.length - 1] : null;
  };
}

/**
 * Finds quotations shared by several articles.
 * @param analyses - the articles, in input order
 * @param speakers - the shared speaker index, for speaker labels
 */
export function compareQuotes(analyses: ArticleAnalysis[], speakers: SpeakerIndex): QuoteComparison {
  const candidates: Candidate[] = [];
  analyses.forEach((a, articleIndex) => {
    const introducing = introducingAttribution(a);
    for (const q of a.quotations) {
      const ws = words(q.text);
      if (ws.length < MIN_QUOTE_WORDS) continue;
      const norms = ws.map((w) => w.norm);
      const shingles = new Set<string>();
      for (let i = 0; i + SHINGLE <= norms.length; i++) shingles.add(norms.slice(i, i + SHINGLE).join(' '));
      // The attribution that carries this quotation: the one whose quoted content overlaps it, else the
      // one that introduces it (a quotation split around its tag, "…,” she said, “…", is two quotations,
      // and the attribution's content may be only the other one).
      const attribution =
        a.attributions.find((at) => at.quoteStart < q.end && q.start < at.quoteEnd) ??
        introducing(q.start, q.end);
      candidates.push({
        articleIndex,
        articleId: a.id,
        text: q.text,
        start: q.start,
        end: q.end,
        norms,
        shingles,
        attribution,
        paragraph: paragraphOf(a, q.start),
      });
    }
  });

  // Inverted index shingle → candidates, so only quotations sharing a shingle are compared.
  const index = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    for (const s of c.shingles) {
      const list = index.get(s) ?? [];
      list.push(i);
      index.set(s, list);
    }
  });
  // Two quotations given to different (merged) speakers are different statements, however much they share;
  // a quotation with no speaker found is judged on its words alone.
  const sameSpeaker = (a: Candidate, b: Candidate) =>
    !a.attribution || !b.attribution || speakers.of(a.attribution).key === speakers.of(b.attribution).key;
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < candidates.length; i++) {
    const shared = new Map<number, number>();
    for (const s of candidates[i].shingles) {
      // Capped postings keep the cost linear when one quote runs in hundreds of
      // articles: linking to the first few copies is enough for union-find.
      for (const j of index.get(s)!.slice(0, MAX_POSTINGS))
        if (j !== i && candidates[j].articleIndex !== candidates[i].articleIndex)
          shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) {
      if (find(i) === find(j)) continue;
      const a = candidates[i];
      const b = candidates[j];
      const containment = n / Math.max(1, Math.min(a.shingles.size, b.shingles.size));
      if (!sameSpeaker(a, b)) continue;
      if (containment >= MIN_CONTAINMENT || longestCommonRun(a.norms, b.norms) >= MIN_RUN)
        parent[find(j)] = find(i);
    }
  }

  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(c);
    groups.set(r, g);
  });

  const shared: SharedQuote[] = [];
  for (const members of groups.values()) {
    // One use per article: its longest version (the earliest on ties).
    const perArticle = new Map<number, Candidate>();
    for (const c of members) {
      const prev = perArticle.get(c.articleIndex);
      if (!prev || c.norms.length > prev.norms.length) perArticle.set(c.articleIndex, c);
    }
    if (perArticle.size < 2) continue;
    const chosen = [...perArticle.values()].sort((x, y) => x.articleIndex - y.articleIndex);
    const longest = chosen.reduce((x, y) => (y.norms.length > x.norms.length ? y : x));
    const uses: QuoteUse[] = chosen.map((c) => ({
      articleId: c.articleId,
      text: c.text,
      start: c.start,
      end: c.end,
      wordCount: c.norms.length,
      speaker: c.attribution ? speakers.of(c.attribution).label : null,
      verb: c.attribution ? c.attribution.verb : null,
      stance: c.attribution ? c.attribution.stance : null,
      kept: round(c.norms.length / longest.norms.length, 2),
      paragraph: c.paragraph,
    }));
    const differences: string[] = [];
    const varies = (f: (u: QuoteUse) => unknown, among = uses) =>
      new Set(among.map((u) => String(f(u)))).size > 1;
    // A use without an attribution is one whose introduction the extractor did not find, not one
    // introduced differently: verbs and stances are compared among the uses that have them.
    const credited = uses.filter((u) => u.verb !== null);
    if (varies((u) => u.stance, credited)) differences.push('stance');
    if (varies((u) => u.verb?.toLowerCase(), credited)) differences.push('verb');
    // A trim under 80% of the longest version drops a clause, not a word or two.
    if (uses.some((u) => u.kept < 0.8)) differences.push('kept');
    if (varies((u) => u.paragraph)) differences.push('placement');
    shared.push({ id: '', text: longest.text, uses, differences });
  }
  // By the first article's input order, then position.
  const order = new Map(analyses.map((a, i) => [a.id, i]));
  shared.sort(
    (x, y) =>
      order.get(x.uses[0].articleId)! - order.get(y.uses[0].articleId)! || x.uses[0].start - y.uses[0].start,
  );
  shared.forEach((q, i) => (q.id = `quote-${i + 1}`));
  return { shared };
}
