/**
 * Markup the views insert with `<%-`: article text with its flags
 * highlighted. Every piece of text goes through {@link escapeHtml} here, so the
 * output is safe to insert unescaped.
 */
import type { ArticleAnalysis } from '../core/types';
import { escapeHtml } from '../report/escape';
import { highlightsOf, HIGHLIGHT_KINDS, type Highlight } from '../report/highlights';

/**
 * Keeps non-overlapping highlights, preferring kinds in {@link HIGHLIGHT_KINDS} order, then the
 * earlier start, then the longer span; sorted by position. Kind by kind, one merge-like pass
 * against what the earlier kinds kept, so the cost is kinds × highlights rather than highlights².
 */
export function resolveOverlaps(highlights: readonly Highlight[]): Highlight[] {
  let kept: Highlight[] = [];
  for (const kind of HIGHLIGHT_KINDS) {
    const candidates = highlights
      .filter((h) => h.kind === kind && h.end > h.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const merged: Highlight[] = [];
    let k = 0;
    for (const h of candidates) {
      // Earlier kinds' spans do not overlap one another: those ending at or before h.start are behind it for good.
      while (k < kept.length && kept[k].end <= h.start) merged.push(kept[k++]);
      const blockedByEarlierKind = k < kept.length && kept[k].start < h.end;
      const last = merged[merged.length - 1];
      const blockedBySameKind = last !== undefined && last.kind === kind && last.end > h.start;
      if (!blockedByEarlierKind && !blockedBySameKind) merged.push(h);
    }
    kept = merged.concat(kept.slice(k));
  }
  return kept;
}

const textHtml = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

/**
 * The article body as paragraphs with highlights that explain themselves on
 * hover and keyboard focus (CSS only, no script).
 * @param a - the analysis (dismissed flags already removed)
 * @param prefix - makes tooltip ids unique on a page with several articles
 */
export function highlightedBody(a: ArticleAnalysis, prefix: string): string {
  const highlights = resolveOverlaps(highlightsOf(a));
  const paragraphs = a.paragraphs.length ? a.paragraphs : [{ start: a.body.start, end: a.body.end }];
  let n = 0;
  let next = 0;
  const out: string[] = [];
  for (const p of paragraphs) {
    let html = '';
    let at = p.start;
    // Highlights are sorted and disjoint: one that starts before this paragraph was placed or crosses a boundary.
    while (next < highlights.length && highlights[next].start < p.start) next++;
    for (; next < highlights.length && highlights[next].start < p.end; next++) {
      const h = highlights[next];
      if (h.end > p.end) continue;
      html += textHtml(a.text.slice(at, h.start));
      const id = `${prefix}-tip-${n++}`;
      const tip = h.lines.map((line) => `<span class="tip-line">${escapeHtml(line)}</span>`).join('');
      html +=
        `<span class="hl hl-${h.kind}" tabindex="0" aria-describedby="${escapeHtml(id)}">` +
        `${textHtml(a.text.slice(h.start, h.end))}` +
        `<span class="tip" role="tooltip" id="${escapeHtml(id)}">${tip}</span></span>`;
      at = h.end;
    }
    html += textHtml(a.text.slice(at, p.end));
    if (html.trim()) out.push(`<p>${html}</p>`);
  }
  return out.join('\n');
}
