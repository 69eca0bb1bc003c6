/**
 * Keeps a user's dismissals across an edit of the article's text. A
 * dismissal names a flag by offsets, which an edit moves; it is carried to
 * the new analysis only when the same flag is still there: the same kind
 * and entry, the same words, in the same sentence. Any other dismissal no
 * longer applies, and is handed back to be listed, never silently moved to
 * a different flag. Pure.
 */
import { flagsOf } from '../core/flags';
import type { ArticleAnalysis } from '../core/types';
import { sentenceAt } from '../report/build';

/** What a dismissal records about its flag. */
export interface DismissedFlag {
  id: string;
  kind: string;
  entry: string;
  start: number;
  end: number;
  /** The flagged words. */
  text: string;
}

export interface CarriedDismissals<D extends DismissedFlag> {
  /** Dismissals whose flag is still there, with its new offsets. */
  kept: { dismissal: D; start: number; end: number }[];
  /** Dismissals whose flag is gone or changed, with the sentence it was in. */
  dropped: { dismissal: D; sentence: string }[];
}

/** A sentence compared across edits: spacing and line breaks do not count. */
const sameSpacing = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Matches an article's dismissals to the analysis of its edited text.
 * @param dismissals - the article's dismissals, with offsets into the old text
 * @param before - the analysis of the old text, with no dismissal applied
 * @param after - the analysis of the new text, with no dismissal applied
 */
export function carryDismissals<D extends DismissedFlag>(
  dismissals: D[],
  before: ArticleAnalysis,
  after: ArticleAnalysis,
): CarriedDismissals<D> {
  const flags = flagsOf(after);
  const taken = new Set<number>();
  const result: CarriedDismissals<D> = { kept: [], dropped: [] };
  for (const d of dismissals) {
    const old = sentenceAt(before, d.start);
    const oldSentence = sameSpacing(old.text);
    // Among the same flags in the same sentence (a sentence can repeat), prefer the one at the same place in it.
    const candidates = flags
      .map((f, i) => ({ f, i }))
      .filter(
        ({ f, i }) =>
          !taken.has(i) &&
          f.kind === d.kind &&
          f.entry === d.entry &&
          after.text.slice(f.start, f.end) === d.text &&
          sameSpacing(sentenceAt(after, f.start).text) === oldSentence,
      );
    const atSamePlace = candidates.find(
      ({ f }) => f.start - sentenceAt(after, f.start).start === d.start - old.start,
    );
    const match = atSamePlace ?? candidates[0];
    if (match) {
      taken.add(match.i);
      result.kept.push({ dismissal: d, start: match.f.start, end: match.f.end });
    } else result.dropped.push({ dismissal: d, sentence: oldSentence });
  }
  return result;
}
