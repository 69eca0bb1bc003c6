/**
 * Markup the views insert with `<%-`: article text with its flags
 * highlighted. Every piece of text goes through {@link escapeHtml} here, so the
 * output is safe to insert unescaped.
 */
import type { ArticleAnalysis, Voice } from '../core/types';
import { escapeHtml } from '../report/escape';

/** The kinds of highlight, in the order they win when two overlap. */
export const HIGHLIGHT_KINDS = ['loaded', 'naming', 'scare', 'attribution'] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export const HIGHLIGHT_LABELS: Record<HighlightKind, string> = {
  loaded: 'Loaded term',
  naming: 'Naming variant',
  scare: 'Scare quote or partial quote',
  attribution: 'Attribution verb',
};

/** Where a hit stands, in words, by its voice. */
const VOICE_PHRASES: Record<Voice, string> = {
  quoted: 'in quoted speech',
  reported: "in the outlet's paraphrase of a speaker",
  narration: "in the outlet's own words",
};

interface Highlight {
  kind: HighlightKind;
  start: number;
  end: number;
  /** Lines of the explanation, plain text. */
  explain: string[];
}

/** Collects the highlights of an analysis: loaded terms, naming variants, scare quotes, attribution verbs. */
export function collectHighlights(a: ArticleAnalysis): Highlight[] {
  const out: Highlight[] = [];
  for (const h of a.hits) {
    const where = `${VOICE_PHRASES[h.voice]}${h.negated ? ', negated' : ''}`;
    if (h.lexicon === 'loaded-terms') {
      out.push({
        kind: 'loaded',
        start: h.start,
        end: h.end,
        explain: [
          `Loaded term: ${h.category.replace(/-/g, ' ')} (${where})`,
          `Lexicon entry: ${h.entry}`,
          h.alternatives.length
            ? `Alternatives: ${h.alternatives.join(', ')}`
            : 'No neutral alternative listed',
          h.note,
          `Citation: ${h.citation}`,
        ],
      });
    } else if (h.lexicon === 'naming-variants') {
      out.push({
        kind: 'naming',
        start: h.start,
        end: h.end,
        explain: [
          `Naming variant: ${h.concept ?? ''} → ${h.entry} (${where})`,
          h.signals ? `Signals: ${h.signals}` : h.category,
          h.alternatives.length ? `Alternatives: ${h.alternatives.join(', ')}` : '',
          `Citation: ${h.citation}`,
        ].filter(Boolean),
      });
    }
  }
  for (const q of a.scareQuotes) {
    out.push({
      kind: 'scare',
      start: q.start,
      end: q.end,
      explain: q.attributed
        ? [
            'Partial quote: a short fragment of a speaker’s words, credited to the speaker',
            'Not a scare quote: the quote marks report the speaker’s wording',
          ]
        : [
            'Scare quote: short quoted words no speaker is credited with; the quote marks are the outlet’s and distance it from the words',
            'Citation: Guardian and Observer style guide, "scare quotes"',
          ],
    });
  }
  for (const t of a.attributions) {
    out.push({
      kind: 'attribution',
      start: t.verbStart,
      end: t.verbEnd,
      explain: [
        `Attribution: ${t.speaker}${t.role ? `, ${t.role}` : ''} (${t.speakerType}${t.affiliation ? `, ${t.affiliation}` : ''})`,
        `Verb "${t.verb}": stance ${t.stance}, ${t.form} speech`,
        t.resolved ? 'The speaker was resolved from a pronoun or role noun' : '',
        `Lexicon entry: ${t.verbEntry}`,
      ].filter(Boolean),
    });
  }
  return out;
}

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
  const highlights = resolveOverlaps(collectHighlights(a));
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
      const tip = h.explain.map((line) => `<span class="tip-line">${escapeHtml(line)}</span>`).join('');
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
