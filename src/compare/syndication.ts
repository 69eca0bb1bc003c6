/**
 * Syndication: articles that are near-duplicates of each other (the same wire
 * copy under two mastheads), so they are not read as independent sources.
 * MinHash signatures with locality-sensitive banding find candidate pairs
 * without comparing every pair (Broder 1997, "On the resemblance and
 * containment of documents"; Leskovec, Rajaraman & Ullman, Mining of Massive
 * Datasets, ch. 3). Pure and deterministic: fixed hash seeds.
 */
import type { ArticleAnalysis } from '../core/types';
import { fnv1a, round, words } from './text';
import type { SyndicatedPair, Syndication } from './types';

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

/** (a·x + b) mod p without losing precision: split x into 16-bit halves. */
function permute(x: number, a: number, b: number): number {
  const hi = Math.floor(x / 65536);
  const lo = x % 65536;
  const r = (((a * hi) % PRIME) * 65536 + a * lo + b) % PRIME;
  return r;
}

function shingles(a: ArticleAnalysis): Set<number> {
  const ws = words(a.text.slice(a.body.start, a.body.end)).map((w) => w.norm);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= ws.length; i++) out.add(fnv1a(ws.slice(i, i + SHINGLE).join(' ')));
  return out;
}

/**
 * Flags near-duplicate article pairs.
 * @param analyses - the articles, in input order
 * @param jaccardMin - Jaccard of word 5-shingles from which a pair is flagged
 * @param containmentMin - containment from which a trimmed copy is flagged
 */
export function findSyndication(analyses: ArticleAnalysis[], jaccardMin = 0.6, containmentMin = 0.8): Syndication {
  const sets = analyses.map(shingles);
  const buckets = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.size === 0) return;
    const sig = new Array<number>(HASHES).fill(Infinity);
    for (const h of set) {
      for (let k = 0; k < HASHES; k++) {
        const v = permute(h, COEFFS[k]!.a, COEFFS[k]!.b);
        if (v < sig[k]!) sig[k] = v;
      }
    }
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${sig.slice(band * ROWS, band * ROWS + ROWS).join(',')}`;
      (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(i);
    }
  });

  const seen = new Set<number>();
  const pairs: (SyndicatedPair & { i: number; j: number })[] = [];
  const n = analyses.length;
  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!;
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const [small, large] = sets[i]!.size <= sets[j]!.size ? [sets[i]!, sets[j]!] : [sets[j]!, sets[i]!];
        let inter = 0;
        for (const h of small) if (large.has(h)) inter++;
        const jaccard = inter / (sets[i]!.size + sets[j]!.size - inter);
        const containment = inter / small.size;
        // Containment catches a reprint cut to fit: Jaccard falls with every paragraph dropped, containment does not.
        if (jaccard >= jaccardMin || (small.size >= MIN_CONTAINED && containment >= containmentMin)) {
          pairs.push({ a: analyses[i]!.id, b: analyses[j]!.id, jaccard: round(jaccard), containment: round(containment), i, j });
        }
      }
    }
  }
  pairs.sort((p, q) => p.i - q.i || p.j - q.j);

  // Clusters: connected components of the flagged pairs.
  const parent = analyses.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const p of pairs) parent[find(p.j)] = find(p.i);
  const comps = new Map<number, number[]>();
  for (const p of pairs) for (const i of [p.i, p.j]) {
    const r = find(i);
    const c = comps.get(r) ?? comps.set(r, []).get(r)!;
    if (!c.includes(i)) c.push(i);
  }
  const clusters = [...comps.values()].map((c) => c.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!).map((c) => c.map((i) => analyses[i]!.id));
  return { pairs: pairs.map(({ i: _i, j: _j, ...p }) => p), clusters };
}
