/**
 * Offset spans `[start, end)` sorted by start: the one binary search the
 * analysis and the comparison share.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * Index of the last span that starts at or before `offset`, or -1 when none does.
 * @param spans - spans sorted by start
 * @param offset - an offset into the text
 */
export function lastStartingAtOrBefore(spans: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * True when `[start, end)` lies inside one of the spans.
 * @param spans - non-overlapping spans sorted by start (see {@link mergeSpans})
 */
export function inSpans(spans: readonly Span[], start: number, end: number): boolean {
  const s = spans[lastStartingAtOrBefore(spans, start)];
  return s !== undefined && start < s.end && end <= s.end;
}

/** Sorts spans and merges the ones that overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
