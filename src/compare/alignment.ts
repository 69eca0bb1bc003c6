/**
 * Fact alignment: groups of sentences from different articles that report the
 * same fact, found by TF-IDF cosine similarity through an inverted index over
 * content-word stems, with the wording that differs marked. Pure.
 *
 * Cost: every sentence reads at most `maxPostings` postings for each of its
 * terms and scores its best few candidates exactly, so the work grows with
 * the number of sentences, not with its square. Wording is diffed once per
 * distinct text of a group against at most DIFF_PEERS other texts, with diffs
 * cached by text pair, so copies of one wire sentence cost one diff between them.
 */
import { diffWords } from 'diff';
import type { ArticleAnalysis } from '../core/types';
import { cmp, round, stem, STOPWORDS, words } from './text';
import type { DiffSegment, FactAlignment, FactGroup, FactMember } from './types';
import { lastStartingAtOrBefore } from '../core/spans';

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
    const x = a.terms[i];
    const y = b.terms[j];
    if (x === y) s += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Offsets covered by reporting-verb hits: "claimed" and "said" tell how, not
 * what, so they are left out of the fact. Returns a test of whether a word
 * lies inside one of them, by binary search over the hits by start with the
 * running maximum of their ends, so an article costs O(words · log hits).
 */
function attributionCues(a: ArticleAnalysis): (start: number, end: number) => boolean {
  const cues = a.hits
    .filter((h) => h.lexicon === 'reporting-verbs')
    .map((h) => ({ start: h.start, end: h.end }));
  if (!cues.length) return () => false;
  cues.sort((x, y) => x.start - y.start);
  const maxEnd: number[] = [];
  cues.forEach((c, i) => maxEnd.push(i ? Math.max(maxEnd[i - 1], c.end) : c.end));
  return (start, end) => {
    // Last cue starting at or before the word: some cue up to it covers the word iff the furthest end reaches it.
    const found = lastStartingAtOrBefore(cues, start);
    return found >= 0 && maxEnd[found] >= end;
  };
}

/**
 * Builds the TF-IDF sentence vectors of all articles. IDF is the smoothed
 * ln(N/df) + 1 over sentences (Spärck Jones 1972; the smoothing keeps terms
 * present in every sentence from vanishing).
 */
export function buildSentenceVectors(analyses: ArticleAnalysis[]): {
  sentences: FactSentence[];
  df: Int32Array;
} {
  const termIds = new Map<string, number>();
  const raw: { base: Omit<FactSentence, 'terms' | 'weights'>; tf: Map<number, number> }[] = [];
  analyses.forEach((a, articleIndex) => {
    const inCue = attributionCues(a);
    a.tone.sentences.forEach((s, k) => {
      const text = a.text.slice(s.start, s.end);
      const tf = new Map<number, number>();
      for (const w of words(text, s.start)) {
        if (STOPWORDS.has(w.norm) || w.norm.length < 2) continue;
        if (inCue(w.start, w.end)) continue;
        const t = stem(w.norm);
        let id = termIds.get(t);
        if (id === undefined) termIds.set(t, (id = termIds.size));
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      if (tf.size >= MIN_TERMS)
        raw.push({
          base: { articleIndex, articleId: a.id, sentence: k, start: s.start, end: s.end, text },
          tf,
        });
    });
  });
  const df = new Int32Array(termIds.size);
  for (const r of raw) for (const t of r.tf.keys()) df[t]++;
  const n = raw.length;
  const sentences = raw.map(({ base, tf }) => {
    const terms = Int32Array.from([...tf.keys()].sort((x, y) => x - y));
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((t, i) => {
      const w = tf.get(t)! * (Math.log(n / df[t]) + 1);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
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
      while (k < ws.length && ws[k].norm !== w.norm) k++;
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
    push(ws[k].start, false);
    push(ws[k].end, true);
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
  for (let t = 0; t < df.length; t++) if (df[t] > commonCut) skippedTerms++;
  // Postings by term id (dense), and each sentence's article, in flat arrays: this loop is the hot one.
  const postings = new Array<number[] | undefined>(df.length);
  for (let i = 0; i < n; i++) {
    for (const t of sentences[i].terms) {
      if (df[t] > commonCut) continue;
      const list = postings[t] ?? (postings[t] = []);
      if (list.length < maxPostings) list.push(i);
    }
  }
  const articleOf = Int32Array.from(sentences, (s) => s.articleIndex);

  // Candidate pairs: partial scores from the postings, exact cosine for the best few.
  const pairs: { i: number; j: number; sim: number }[] = [];
  const seen = new Set<number>();
  let candidates = 0;
  // Dense accumulator plus the list of touched entries: cheaper than a Map per sentence.
  const acc = new Float64Array(n);
  const touched: number[] = [];
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = sentences[i];
    const article = s.articleIndex;
    touched.length = 0;
    for (let k = 0; k < s.terms.length; k++) {
      const list = postings[s.terms[k]];
      if (!list) continue;
      const w = s.weights[k];
      for (let p = 0; p < list.length; p++) {
        const j = list[p];
        if (articleOf[j] === article) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w;
      }
    }
    // Top candidates by partial score (ties: earlier sentence), by insertion into a short sorted list.
    best.length = 0;
    for (const j of touched) {
      const score = acc[j];
      if (best.length === TOP_CANDIDATES) {
        const last = best[best.length - 1];
        if (score < acc[last] || (score === acc[last] && j > last)) continue;
        best.pop();
      }
      let pos = best.length;
      while (pos > 0 && (acc[best[pos - 1]] < score || (acc[best[pos - 1]] === score && best[pos - 1] > j)))
        pos--;
      best.splice(pos, 0, j);
    }
    for (const j of best) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const key = a * n + b;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates++;
      const sim = dot(sentences[a], sentences[b]);
      if (sim >= threshold) pairs.push({ i: a, j: b, sim });
    }
    for (const j of touched) acc[j] = 0;
  }

  // Greedy clustering, most similar pairs first, never two sentences of one
  // article in a group: plain single-link clustering chains unrelated
  // sentences together (Manning, Raghavan & Schütze 2008, §17.2), and the
  // one-per-article rule stops a long sentence from pulling in half an article.
  pairs.sort((x, y) => y.sim - x.sim || x.i - y.i || x.j - y.j);
  const parent = sentences.map((_, i) => i);
  const articlesOf = sentences.map((s) => new Set([s.articleIndex]));
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // Two clusters that share an article never merge, and clusters only grow, so a
  // refusal between two roots is remembered rather than tested again for every pair across them.
  const refused = new Set<number>();
  for (const p of pairs) {
    const ri = find(p.i);
    const rj = find(p.j);
    if (ri === rj) continue;
    const [small, large] = articlesOf[ri].size < articlesOf[rj].size ? [ri, rj] : [rj, ri];
    const key = Math.min(ri, rj) * n + Math.max(ri, rj);
    if (refused.has(key)) continue;
    let clash = false;
    for (const x of articlesOf[small])
      if (articlesOf[large].has(x)) {
        clash = true;
        break;
      }
    if (clash) {
      refused.add(key);
      continue;
    }
    parent[small] = large;
    for (const x of articlesOf[small]) articlesOf[large].add(x);
  }

  const clusters = new Map<number, number[]>();
  sentences.forEach((_, i) => {
    const r = find(i);
    (clusters.get(r) ?? clusters.set(r, []).get(r)!).push(i);
  });

  const groups: FactGroup[] = [];
  const unaligned: FactSentence[] = [];
  const diffs = new DiffCache();
  for (const members of clusters.values()) {
    if (members.length < 2) {
      unaligned.push(sentences[members[0]]);
      continue;
    }
    members.sort(
      (x, y) =>
        sentences[x].articleIndex - sentences[y].articleIndex ||
        sentences[x].sentence - sentences[y].sentence,
    );
    groups.push(
      buildGroup(
        members.map((i) => sentences[i]),
        diffs,
      ),
    );
  }
  const order = new Map(analyses.map((a, i) => [a.id, i]));
  groups.sort((x, y) => {
    const a = x.members[0];
    const b = y.members[0];
    return (
      order.get(a.articleId)! - order.get(b.articleId)! ||
      a.sentence - b.sentence ||
      cmp(a.articleId, b.articleId)
    );
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

/**
 * Word diffs of one alignment run, by text pair: the same wire sentence turns
 * up in many groups and under many mastheads, and its diff against a given
 * wording is always the same.
 */
class DiffCache {
  private readonly changedByPair = new Map<string, Map<string, boolean[]>>();

  /**
   * Which words of `text` are changed against `peer` (by index into `words(text)`).
   * @param text - the member's sentence
   * @param peer - the other wording
   */
  changed(text: string, peer: string): boolean[] {
    let byPeer = this.changedByPair.get(text);
    if (!byPeer) this.changedByPair.set(text, (byPeer = new Map<string, boolean[]>()));
    let changed = byPeer.get(peer);
    if (!changed) {
      changed = [];
      const changes = diffWords(text, peer, { ignoreCase: true });
      markWords(
        text,
        changes.filter((c) => !c.added).map((c) => ({ value: c.value, changed: !!c.removed })),
        changed,
      );
      byPeer.set(peer, changed);
    }
    return changed;
  }
}

/**
 * The peers of each distinct wording: the first {@link DIFF_PEERS} members
 * whose text differs from it, as distinct texts (a repeated peer text gives
 * the same diff twice). Walks runs of equal texts, so each wording costs a
 * few steps however large the group.
 */
function peersByText(members: FactSentence[]): Map<string, string[]> {
  const runs: { text: string; length: number }[] = [];
  for (const m of members) {
    const last = runs[runs.length - 1];
    if (last && last.text === m.text) last.length++;
    else runs.push({ text: m.text, length: 1 });
  }
  const out = new Map<string, string[]>();
  for (const { text } of runs) {
    if (out.has(text)) continue;
    const peers: string[] = [];
    let taken = 0;
    for (let r = 0; r < runs.length && taken < DIFF_PEERS; r++) {
      const run = runs[r];
      if (run.text === text) continue;
      if (!peers.includes(run.text)) peers.push(run.text);
      taken += run.length;
    }
    out.set(text, peers);
  }
  return out;
}

/**
 * Builds one group: members in article order, each with the words no peer shares marked.
 * @param members - the group's sentences, in article order
 * @param diffs - the run's diff cache
 */
function buildGroup(members: FactSentence[], diffs: DiffCache): FactGroup {
  const ref = members[0];
  // Identical copies (syndicated text) would hide every difference, so peers are the other wordings;
  // members with the same text have the same peers, so each wording is diffed once.
  const peers = peersByText(members);
  const segmentsByText = new Map<string, DiffSegment[]>();
  const segmentsFor = (text: string): DiffSegment[] => {
    let segments = segmentsByText.get(text);
    if (!segments) {
      let flags: boolean[] | null = null;
      for (const peer of peers.get(text)!) {
        const changed = diffs.changed(text, peer);
        flags = flags ? flags.map((f, i) => f && !!changed[i]) : words(text).map((_, i) => !!changed[i]);
      }
      segments = segmentsOf(text, flags ?? []);
      segmentsByText.set(text, segments);
    }
    return segments.map((s) => ({ ...s }));
  };
  const out: FactMember[] = members.map((m, k) => ({
    articleId: m.articleId,
    sentence: m.sentence,
    start: m.start,
    end: m.end,
    text: m.text,
    similarity: k === 0 ? 1 : round(dot(ref, m)),
    segments: segmentsFor(m.text),
  }));
  const differs = out.some((m) => m.segments.some((s) => s.differs));
  return { id: '', articles: out.map((m) => m.articleId), members: out, differs };
}
