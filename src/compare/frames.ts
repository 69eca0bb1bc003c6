/**
 * Frame profiles over the 15 Policy Frames Codebook dimensions, pairwise
 * Jensen-Shannon divergence, and tone per source. Pure.
 */
import { FRAME_IDS, type FrameId } from '../lexicon/schema';
import type { ArticleAnalysis } from '../core/types';
import { round } from './text';
import type { FrameComparison, FramePeers, FrameProfile, Peer, ToneBySource } from './types';

/**
 * Jensen-Shannon divergence with base-2 logarithms, so it lies in [0, 1]
 * (Lin 1991, "Divergence measures based on the Shannon entropy"). Symmetric
 * and finite even where one profile has a zero the other has not, which
 * Kullback-Leibler is not.
 * @param p - a probability vector
 * @param q - a probability vector of the same length
 */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) d += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) d += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.min(1, Math.max(0, d));
}

/**
 * Builds profiles, divergences and tone.
 * @param analyses - the articles, in input order
 * @param matrixLimit - largest article count for which the full matrix is given
 */
export function compareFrames(analyses: ArticleAnalysis[], matrixLimit = 50): FrameComparison {
  // Shares are rounded by the analysis, so renormalise them to sum to 1.
  const vectors: (number[] | null)[] = analyses.map((a) => {
    const raw = FRAME_IDS.map((id) => a.frames[id]?.share ?? 0);
    const sum = raw.reduce((x, y) => x + y, 0);
    return sum > 0 ? raw.map((x) => x / sum) : null;
  });

  const profiles: FrameProfile[] = analyses.map((a, i) => {
    const v = vectors[i];
    const shares = {} as Record<FrameId, number>;
    FRAME_IDS.forEach((id, k) => (shares[id] = v ? round(v[k]) : 0));
    let dominant: FrameId | null = null;
    if (v) {
      let best = -1;
      FRAME_IDS.forEach((id, k) => {
        if (v[k] > best) {
          best = v[k]!;
          dominant = id;
        }
      });
    }
    const hits = FRAME_IDS.reduce((n, id) => n + (a.frames[id]?.hits ?? 0), 0);
    return { articleId: a.id, shares, hits, dominant };
  });

  // An article without frame cues has no profile: its divergence is unknown (null), not 0 or 1.
  const div = (i: number, j: number): number | null => {
    const p = vectors[i];
    const q = vectors[j];
    return p && q ? round(jensenShannon(p, q)) : null;
  };

  const n = analyses.length;
  let matrix: FrameComparison['divergence']['matrix'] = null;
  if (n <= matrixLimit) {
    matrix = {};
    for (let i = 0; i < n; i++) {
      const row: Record<string, number | null> = {};
      for (let j = 0; j < n; j++) row[analyses[j].id] = i === j ? (vectors[i] ? 0 : null) : div(i, j);
      matrix[analyses[i].id] = row;
    }
  }

  // Nearest and farthest peers: n²/2 divergences of 15 numbers, cheap up to
  // thousands of articles; ties go to the earlier article.
  const nearest = new Array<Peer | null>(n).fill(null);
  const farthest = new Array<Peer | null>(n).fill(null);
  let maxPair: FrameComparison['divergence']['maxPair'] = null;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = div(i, j);
      if (d === null) continue;
      for (const [x, y] of [
        [i, j],
        [j, i],
      ] as const) {
        const peer = { articleId: analyses[y].id, divergence: d };
        if (!nearest[x] || d < nearest[x].divergence) nearest[x] = peer;
        if (!farthest[x] || d > farthest[x].divergence) farthest[x] = peer;
      }
      if (!maxPair || d > maxPair.divergence)
        maxPair = { a: analyses[i].id, b: analyses[j].id, divergence: d };
    }
  }
  const peers: FramePeers[] = analyses.map((a, i) => ({
    articleId: a.id,
    nearest: nearest[i]!,
    farthest: farthest[i]!,
  }));

  const tone: ToneBySource[] = analyses.map((a) => {
    let neg: ToneBySource['mostNegative'] = null;
    let pos: ToneBySource['mostPositive'] = null;
    a.tone.sentences.forEach((s, k) => {
      if (s.tone < 0 && (!neg || s.tone < neg.tone)) neg = { sentence: k, tone: s.tone };
      if (s.tone > 0 && (!pos || s.tone > pos.tone)) pos = { sentence: k, tone: s.tone };
    });
    return { articleId: a.id, tone: a.tone.article, mostNegative: neg, mostPositive: pos };
  });

  return { profiles, divergence: { matrix, peers, maxPair }, tone };
}
