/**
 * Syndication: articles that are near-duplicates of each other (the same wire
 * copy under two mastheads), so they are not read as independent sources.
 * MinHash signatures with locality-sensitive banding find candidate pairs
 * without comparing every pair (Broder 1997, "On the resemblance and
 * containment of documents"; Leskovec, Rajaraman & Ullman, Mining of Massive
 * Datasets, ch. 3). Pure and deterministic: fixed hash seeds.
 */
import type { ArticleAnalysis } from '../core/types';
import { factUnits } from './facts';
import { round, words } from './text';
import type { SharedSentence, SyndicatedPair, Syndication } from './types';

/** Word 5-shingles: long enough that shared ones mean shared copy, not shared topic. */
const SHINGLE = 5;
/** 32 bands of 2 rows: a pair with Jaccard 0.3 becomes a candidate with probability 0.95, so trimmed reprints are not missed. */
const BANDS = 32;
const ROWS = 2;
const HASHES = BANDS * ROWS;
/** A copy must have this many shingles (about two paragraphs) before containment alone flags it: one quoted wire paragraph is citation, not syndication. */
const MIN_CONTAINED = 40;
const PRIME = 4294967311; // smallest prime above 2^32

/** Fixed multipliers and offsets from a linear congruential generator (Numerical Recipes constants). */
const COEFFS: { a: number; b: number }[] = (() => {
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  return Array.from({ length: HASHES }, () => ({ a: (next() | 1) >>> 0, b: next() }));
})();

/** The coefficients as flat arrays for the signature loop. */
const COEFF_A = Float64Array.from(COEFFS, (c) => c.a);
const COEFF_B = Float64Array.from(COEFFS, (c) => c.b);

/**
 * An article's distinct shingle hashes, ascending. Each shingle is the FNV-1a
 * hash of its five words joined by single spaces, computed over the words in
 * place rather than on a joined string.
 */
function shingles(a: ArticleAnalysis): Uint32Array {
  const ws = words(a.text.slice(a.body.start, a.body.end)).map((w) => w.norm);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= ws.length; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + SHINGLE; k++) {
      if (k > i) h = Math.imul(h ^ 32, 0x01000193);
      const w = ws[k];
      for (let c = 0; c < w.length; c++) h = Math.imul(h ^ w.charCodeAt(c), 0x01000193);
    }
    out.add(h >>> 0);
  }
  return Uint32Array.from(out).sort();
}

/**
 * y mod PRIME for an integer 0 ≤ y < 2^52, exactly as `y % PRIME` but without
 * a floating-point remainder: the quotient from the division is off by at most
 * one, and q · PRIME < 2^53 stays exact.
 */
function modPrime(y: number): number {
  const r = y - Math.floor(y / PRIME) * PRIME;
  return r < 0 ? r + PRIME : r >= PRIME ? r - PRIME : r;
}

/**
 * MinHash signature: per hash function, the least (a·x + b) mod p over the
 * shingles, with x split into 16-bit halves so no product loses precision.
 */
function signature(set: Uint32Array): Float64Array {
  const sig = new Float64Array(HASHES).fill(Infinity);
  for (let s = 0; s < set.length; s++) {
    const x = set[s];
    const hi = Math.floor(x / 65536);
    const lo = x % 65536;
    for (let k = 0; k < HASHES; k++) {
      const a = COEFF_A[k];
      const v = modPrime(modPrime(a * hi) * 65536 + a * lo + COEFF_B[k]);
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

/**
 * Size of the intersection of two ascending arrays, or -1 as soon as it can no
 * longer reach `need`: most candidate pairs share a topic's stock phrases, not
 * copy, and are refused after a fraction of the merge.
 */
function intersect(x: Uint32Array, y: Uint32Array, need: number): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < x.length && j < y.length) {
    // Each step consumes at least one element of x or y; what is left of the shorter bounds what can still match.
    if (inter + Math.min(x.length - i, y.length - j) < need) return -1;
    const a = x[i];
    const b = y[j];
    if (a === b) {
      inter++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return inter >= need ? inter : -1;
}

/**
 * Flags near-duplicate article pairs.
 * @param analyses - the articles, in input order
 * @param jaccardMin - Jaccard of word 5-shingles from which a pair is flagged
 * @param containmentMin - containment from which a trimmed copy is flagged
 */
export function findSyndication(
  analyses: ArticleAnalysis[],
  jaccardMin = 0.6,
  containmentMin = 0.8,
): Syndication {
  const sets = analyses.map(shingles);
  const buckets = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.length === 0) return;
    const sig = signature(set);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${Array.prototype.join.call(sig.subarray(band * ROWS, band * ROWS + ROWS), ',')}`;
      (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(i);
    }
  });

  // Whether a pair with `inter` shared shingles is flagged; it only grows with `inter`.
  const flagged = (inter: number, size: number, other: number) => {
    const small = Math.min(size, other);
    const jaccard = inter / (size + other - inter);
    const containment = inter / small;
    // Containment catches a reprint cut to fit: Jaccard falls with every paragraph dropped, containment does not.
    return jaccard >= jaccardMin || (small >= MIN_CONTAINED && containment >= containmentMin);
  };
  // Least number of shared shingles that flags a pair of these sizes, by binary search on the test itself.
  const needed = (size: number, other: number) => {
    let lo = 0;
    let hi = Math.min(size, other) + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flagged(mid, size, other)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const seen = new Set<number>();
  const pairs: (Omit<SyndicatedPair, 'kind' | 'shared' | 'sharedCount'> & { i: number; j: number })[] = [];
  const n = analyses.length;
  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x];
        const j = members[y];
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const si = sets[i].length;
        const sj = sets[j].length;
        const need = needed(si, sj);
        if (need > Math.min(si, sj)) continue;
        const inter = intersect(sets[i], sets[j], need);
        if (inter < 0) continue;
        const small = Math.min(si, sj);
        const jaccard = inter / (si + sj - inter);
        const containment = inter / small;
        pairs.push({
          a: analyses[i].id,
          b: analyses[j].id,
          jaccard: round(jaccard),
          containment: round(containment),
          i,
          j,
        });
      }
    }
  }
  // Wire copy shared sentence by sentence, even when the rest of the articles differs.
  const bySentence = sharedSentences(analyses);
  const flaggedKeys = new Set(pairs.map((p) => p.i * n + p.j));
  const withShared: (SyndicatedPair & { i: number; j: number })[] = pairs.map((p) => {
    const shared = bySentence.get(p.i * n + p.j) ?? [];
    return { ...p, kind: 'copy', sharedCount: shared.length, shared: shared.slice(0, MAX_SHARED_SHOWN) };
  });
  for (const [key, shared] of bySentence) {
    if (flaggedKeys.has(key) || shared.length < MIN_SHARED_SENTENCES) continue;
    const i = Math.floor(key / n);
    const j = key % n;
    const si = sets[i].length;
    const sj = sets[j].length;
    const inter = intersect(sets[i], sets[j], 0);
    withShared.push({
      a: analyses[i].id,
      b: analyses[j].id,
      kind: 'partial',
      jaccard: round(inter / Math.max(1, si + sj - inter)),
      containment: round(inter / Math.max(1, Math.min(si, sj))),
      sharedCount: shared.length,
      shared: shared.slice(0, MAX_SHARED_SHOWN),
      i,
      j,
    });
  }
  withShared.sort((p, q) => p.i - q.i || p.j - q.j);

  // Clusters: connected components of the flagged pairs.
  const parent = analyses.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const p of withShared) parent[find(p.j)] = find(p.i);
  const comps = new Map<number, number[]>();
  for (const p of withShared)
    for (const i of [p.i, p.j]) {
      const r = find(i);
      const c = comps.get(r) ?? comps.set(r, []).get(r)!;
      if (!c.includes(i)) c.push(i);
    }
  const clusters = [...comps.values()]
    .map((c) => c.sort((x, y) => x - y))
    .sort((x, y) => x[0] - y[0])
    .map((c) => c.map((i) => analyses[i].id));
  return { pairs: withShared.map(({ i: _i, j: _j, ...p }): SyndicatedPair => p), clusters };
}

/**
 * Two articles that carry this many of the same sentences word for word share
 * wire copy: one shared sentence can be a common stock phrase or a quoted
 * statement, two of the outlets' own sentences are not chance (Clough et al.
 * 2002, METER corpus: verbatim sentence reuse marks text derived from agency copy).
 */
const MIN_SHARED_SENTENCES = 2;
/** Shared sentences kept per pair as evidence; `sharedCount` says how many there are in all. */
const MAX_SHARED_SHOWN = 5;
/** A sentence shorter than this is too generic to show copying ("The vote was 52-48."). */
const MIN_SENTENCE_WORDS = 10;
/** A sentence mostly inside quotation marks is a speaker's words, which every outlet may quote. */
const MAX_SENTENCE_QUOTED = 0.5;

/**
 * Sentences shared word for word between articles, by pair of article indexes
 * (`i · n + j`, i < j): an index from each sentence's normalised words to its
 * uses, so the cost grows with the number of sentences. A sentence repeated
 * in hundreds of articles links the first MAX_SENTENCE_USES of them.
 */
function sharedSentences(analyses: ArticleAnalysis[]): Map<number, SharedSentence[]> {
  const n = analyses.length;
  const index = new Map<string, { article: number; start: number; end: number }[]>();
  factUnits(analyses).forEach((units, article) => {
    const seen = new Set<string>();
    for (const u of units) {
      if (u.quoted > MAX_SENTENCE_QUOTED) continue;
      const ws = words(u.text);
      if (ws.length < MIN_SENTENCE_WORDS) continue;
      const key = ws.map((w) => w.norm).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const uses = index.get(key) ?? index.set(key, []).get(key)!;
      if (uses.length < MAX_SENTENCE_USES) uses.push({ article, start: u.start, end: u.end });
    }
  });
  const out = new Map<number, SharedSentence[]>();
  const ref = (x: { article: number; start: number; end: number }) => ({
    articleId: analyses[x.article].id,
    start: x.start,
    end: x.end,
    text: analyses[x.article].text.slice(x.start, x.end),
  });
  for (const uses of index.values()) {
    for (let x = 0; x < uses.length; x++)
      for (let y = x + 1; y < uses.length; y++) {
        const [p, q] = uses[x].article < uses[y].article ? [uses[x], uses[y]] : [uses[y], uses[x]];
        const key = p.article * n + q.article;
        (out.get(key) ?? out.set(key, []).get(key)!).push({ a: ref(p), b: ref(q) });
      }
  }
  for (const list of out.values()) list.sort((x, y) => x.a.start - y.a.start);
  return out;
}

/** Uses of one sentence indexed at most: enough to link every copy through the clusters. */
const MAX_SENTENCE_USES = 16;
