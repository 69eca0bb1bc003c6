/**
 * Fact alignment: groups of sentences from different articles that report the
 * same fact, found by TF-IDF cosine similarity through an inverted index over
 * content-word stems, with the wording that differs marked. Pure.
 *
 * Cost: every sentence reads at most `maxPostings` postings for each of its
 * terms and scores its best few candidates exactly, so the work grows with
 * the number of sentences, not with its square.
 */
import { diffWords } from 'diff';
import type { ArticleAnalysis } from '../core/types';
import { cmp, round, stem, STOPWORDS, words } from './text';
import type { DiffSegment, FactAlignment, FactGroup, FactMember } from './types';

/** A sentence of the corpus with its TF-IDF vector. */
export interface FactSentence {
  articleIndex: number;
  articleId: string;
  /** Index into the article's `tone.sentences`. */
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** Term ids, ascending, and their L2-normalised weights. */
  terms: Int32Array;
  weights: Float64Array;
}

export interface AlignmentResult {
  alignment: FactAlignment;
  /** Sentences that could carry a fact but were aligned with none: facts only one article reports. */
  unaligned: FactSentence[];
}

export interface AlignOptions {
  /** Cosine from which two sentences report the same fact (default 0.35). */
  similarity?: number;
  /** Postings read per term (default 100). */
  maxPostings?: number;
}

/**
 * A sentence needs this many distinct content terms to state a fact; "He
 * added:" or a dateline does not.
 */
const MIN_TERMS = 3;
/** Candidates per sentence scored exactly after the inverted-index pass. */
const TOP_CANDIDATES = 20;
/**
 * Terms in more sentences than COMMON_PER_ARTICLE per article (and more than
 * COMMON_FLOOR) are not used to find candidates: a fact's words turn up about
 * once per article that reports it, while topic words ("Ukraine", "council")
 * recur in most sentences and discriminate little (Luhn's upper cut-off;
 * Manning, Raghavan & Schütze 2008, §7.1.5 on skipping high-df postings).
 * They still count in the cosine.
 */
const COMMON_PER_ARTICLE = 2;
const COMMON_FLOOR = 10;

function dot(a: FactSentence, b: FactSentence): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Offsets covered by reporting-verb hits: "claimed" and "said" tell how, not what, so they are left out of the fact. */
function attributionCues(a: ArticleAnalysis): { start: number; end: number }[] {
  return a.hits.filter((h) => h.lexicon === 'reporting-verbs').map((h) => ({ start: h.start, end: h.end }));
}

/**
 * Builds the TF-IDF sentence vectors of all articles. IDF is the smoothed
 * ln(N/df) + 1 over sentences (Spärck Jones 1972; the smoothing keeps terms
 * present in every sentence from vanishing).
 */
export function buildSentenceVectors(analyses: ArticleAnalysis[]): { sentences: FactSentence[]; df: Int32Array } {
  const termIds = new Map<string, number>();
  const raw: { base: Omit<FactSentence, 'terms' | 'weights'>; tf: Map<number, number> }[] = [];
  analyses.forEach((a, articleIndex) => {
    const cues = attributionCues(a);
    a.tone.sentences.forEach((s, k) => {
      const text = a.text.slice(s.start, s.end);
      const tf = new Map<number, number>();
      for (const w of words(text, s.start)) {
        if (STOPWORDS.has(w.norm) || w.norm.length < 2) continue;
        if (cues.some((c) => c.start <= w.start && w.end <= c.end)) continue;
        const t = stem(w.norm);
        let id = termIds.get(t);
        if (id === undefined) termIds.set(t, (id = termIds.size));
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      if (tf.size >= MIN_TERMS) raw.push({ base: { articleIndex, articleId: a.id, sentence: k, start: s.start, end: s.end, text }, tf });
    });
  });
  const df = new Int32Array(termIds.size);
  for (const r of raw) for (const t of r.tf.keys()) df[t]!++;
  const n = raw.length;
  const sentences = raw.map(({ base, tf }) => {
    const terms = Int32Array.from([...tf.keys()].sort((x, y) => x - y));
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((t, i) => {
      const w = tf.get(t)! * (Math.log(n / df[t]!) + 1);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { ...base, terms, weights };
  });
  return { sentences, df };
}

/**
 * Marks the words of `text` that a word diff reports as changed.
 * @param text - the text the diff parts cover
 * @param parts - for each diff part over `text`: its value and whether it is changed
 * @param flags - set to true at the index of each changed word
 */
function markWords(text: string, parts: { value: string; changed: boolean }[], flags: boolean[]): void {
  const ws = words(text);
  let ptr = 0;
  for (const part of parts) {
    for (const w of words(part.value)) {
      let k = ptr;
      while (k < ws.length && ws[k]!.norm !== w.norm) k++;
      if (k === ws.length) continue;
      if (part.changed) flags[k] = true;
      ptr = k + 1;
    }
  }
}

function segmentsOf(text: string, flags: boolean[]): DiffSegment[] {
  const ws = words(text);
  const out: DiffSegment[] = [];
  let cursor = 0;
  const push = (to: number, differs: boolean) => {
    if (to <= cursor) return;
    const last = out[out.length - 1];
    if (last && last.differs === differs) last.text += text.slice(cursor, to);
    else out.push({ text: text.slice(cursor, to), differs });
    cursor = to;
  };
  for (let k = 0; k < ws.length; k++) {
    if (!flags[k]) continue;
    push(ws[k]!.start, false);
    push(ws[k]!.end, true);
  }
  push(text.length, false);
  return out;
}

/**
 * Aligns sentences that report the same fact.
 * @param analyses - the articles, in input order
 * @param options - similarity threshold and postings cap
 */
export function alignFacts(analyses: ArticleAnalysis[], options: AlignOptions = {}): AlignmentResult {
  const threshold = options.similarity ?? 0.35;
  const maxPostings = options.maxPostings ?? 100;
  const { sentences, df } = buildSentenceVectors(analyses);
  const n = sentences.length;

  // Inverted index over the discriminating terms, postings in corpus order.
  const commonCut = Math.max(COMMON_FLOOR, COMMON_PER_ARTICLE * analyses.length);
  let skippedTerms = 0;
  for (let t = 0; t < df.length; t++) if (df[t]! > commonCut) skippedTerms++;
  const postings = new Map<number, number[]>();
  sentences.forEach((s, i) => {
    for (const t of s.terms) {
      if (df[t]! > commonCut) continue;
      const list = postings.get(t) ?? [];
      if (list.length < maxPostings) list.push(i);
      postings.set(t, list);
    }
  });

  // Candidate pairs: partial scores from the postings, exact cosine for the best few.
  const pairs: { i: number; j: number; sim: number }[] = [];
  const seen = new Set<number>();
  let candidates = 0;
  // Dense accumulator plus the list of touched entries: cheaper than a Map per sentence.
  const acc = new Float64Array(n);
  const touched: number[] = [];
  const best: number[] = [];
  sentences.forEach((s, i) => {
    touched.length = 0;
    s.terms.forEach((t, k) => {
      const list = postings.get(t);
      if (!list) return;
      for (const j of list) {
        if (sentences[j]!.articleIndex === s.articleIndex) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += s.weights[k]!;
      }
    });
    // Top candidates by partial score (ties: earlier sentence), by insertion into a short sorted list.
    best.length = 0;
    for (const j of touched) {
      const score = acc[j]!;
      if (best.length === TOP_CANDIDATES) {
        const last = best[best.length - 1]!;
        if (score < acc[last]! || (score === acc[last]! && j > last)) continue;
        best.pop();
      }
      let pos = best.length;
      while (pos > 0 && (acc[best[pos - 1]!]! < score || (acc[best[pos - 1]!]! === score && best[pos - 1]! > j))) pos--;
      best.splice(pos, 0, j);
    }
    for (const j of best) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const key = a * n + b;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates++;
      const sim = dot(sentences[a]!, sentences[b]!);
      if (sim >= threshold) pairs.push({ i: a, j: b, sim });
    }
    for (const j of touched) acc[j] = 0;
  });

  // Greedy clustering, most similar pairs first, never two sentences of one
  // article in a group: plain single-link clustering chains unrelated
  // sentences together (Manning, Raghavan & Schütze 2008, §17.2), and the
  // one-per-article rule stops a long sentence from pulling in half an article.
  pairs.sort((x, y) => y.sim - x.sim || x.i - y.i || x.j - y.j);
  const parent = sentences.map((_, i) => i);
  const articlesOf = sentences.map((s) => new Set([s.articleIndex]));
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const p of pairs) {
    const ri = find(p.i);
    const rj = find(p.j);
    if (ri === rj) continue;
    const [small, large] = articlesOf[ri]!.size < articlesOf[rj]!.size ? [ri, rj] : [rj, ri];
    if ([...articlesOf[small]!].some((x) => articlesOf[large]!.has(x))) continue;
    parent[small] = large;
    for (const x of articlesOf[small]!) articlesOf[large]!.add(x);
  }

  const clusters = new Map<number, number[]>();
  sentences.forEach((_, i) => {
    const r = find(i);
    (clusters.get(r) ?? clusters.set(r, []).get(r)!).push(i);
  });

  const groups: FactGroup[] = [];
  const unaligned: FactSentence[] = [];
  for (const members of clusters.values()) {
    if (members.length < 2) {
      unaligned.push(sentences[members[0]!]!);
      continue;
    }
    members.sort((x, y) => sentences[x]!.articleIndex - sentences[y]!.articleIndex || sentences[x]!.sentence - sentences[y]!.sentence);
    groups.push(buildGroup(members.map((i) => sentences[i]!)));
  }
  const order = new Map(analyses.map((a, i) => [a.id, i]));
  groups.sort((x, y) => {
    const a = x.members[0]!;
    const b = y.members[0]!;
    return order.get(a.articleId)! - order.get(b.articleId)! || a.sentence - b.sentence || cmp(a.articleId, b.articleId);
  });
  groups.forEach((g, k) => (g.id = `fact-${k + 1}`));
  unaligned.sort((x, y) => x.articleIndex - y.articleIndex || x.sentence - y.sentence);
  return { alignment: { groups, stats: { sentences: n, candidates, skippedTerms } }, unaligned };
}

/**
 * Members each word is checked against: the first few differently worded ones of the group. A word
 * differs when none of them shares it; a handful of peers is enough to tell
 * shared wording from an outlet's own and keeps large groups linear.
 */
const DIFF_PEERS = 4;

/** Builds one group: members in article order, each with the words no peer shares marked. */
function buildGroup(members: FactSentence[]): FactGroup {
  const ref = members[0]!;
  const out: FactMember[] = members.map((m, k) => {
    // Identical copies (syndicated text) would hide every difference, so peers are the other wordings.
    const peers = members.filter((p, o) => o !== k && p.text !== m.text).slice(0, DIFF_PEERS);
    let flags: boolean[] | null = null;
    for (const peer of peers) {
      const changes = diffWords(m.text, peer.text, { ignoreCase: true });
      const changed: boolean[] = [];
      markWords(
        m.text,
        changes.filter((c) => !c.added).map((c) => ({ value: c.value, changed: !!c.removed })),
        changed,
      );
      flags = flags ? flags.map((f, i) => f && !!changed[i]) : words(m.text).map((_, i) => !!changed[i]);
    }
    return {
      articleId: m.articleId,
      sentence: m.sentence,
      start: m.start,
      end: m.end,
      text: m.text,
      similarity: k === 0 ? 1 : round(dot(ref, m)),
      segments: segmentsOf(m.text, flags ?? []),
    };
  });
  const differs = out.some((m) => m.segments.some((s) => s.differs));
  return { id: '', articles: out.map((m) => m.articleId), members: out, differs };
}
