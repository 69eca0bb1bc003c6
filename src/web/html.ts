/**
 * Markup the views insert with `<%-`: article text with its flags
 * highlighted. Every piece of text goes through {@link escapeHtml} here, so the
 * output is safe to insert unescaped.
 */
import type { ArticleAnalysis } from '../core/types';
import { escapeHtml } from '../report/escape';
import { highlightsOf, HIGHLIGHT_KINDS, type Highlight, type HighlightKind } from '../report/highlights';

/** Keeps non-overlapping highlights, preferring kinds in {@link HIGHLIGHT_KINDS} order, sorted by position. */
function resolveOverlaps(highlights: Highlight[]): Highlight[] {
  const rank = (k: HighlightKind) => HIGHLIGHT_KINDS.indexOf(k);
  const sorted = [...highlights]
    .filter((h) => h.end > h.start)
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.start - b.start || b.end - a.end);
  const kept: Highlight[] = [];
  for (const h of sorted) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
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
  const out: string[] = [];
  for (const p of paragraphs) {
    let html = '';
    let at = p.start;
    for (const h of highlights) {
      if (h.start < p.start || h.end > p.end || h.start < at) continue;
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
