/**
 * Highlights of one article from its findings' offsets: loaded terms, naming
 * variants, attributions and scare quotes, each with an explanation for the
 * reader. Shared by the HTML report and anything else that marks up text.
 */
import type { ArticleAnalysis } from '../core/types';

export type HighlightKind = 'loaded' | 'naming' | 'attribution' | 'scare';

export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['loaded', 'naming', 'attribution', 'scare'];

export const HIGHLIGHT_LABELS: Record<HighlightKind, string> = {
  loaded: 'Loaded term',
  naming: 'Naming variant',
  attribution: 'Attribution (speaker and reporting verb)',
  scare: 'Scare quote or partial quote',
};

export interface Highlight {
  kind: HighlightKind;
  start: number;
  end: number;
  /** Plain text explaining category, entry, alternatives and citation. */
  title: string;
}

/**
 * Lists an article's highlights, sorted by position.
 * @param a - the analysed article
 */
export function highlightsOf(a: ArticleAnalysis): Highlight[] {
  const out: Highlight[] = [];
  const alt = (xs: string[]) => (xs.length ? `alternatives: ${xs.join(', ')}` : 'alternatives: none listed');
  for (const h of a.hits) {
    if (h.lexicon === 'loaded-terms') {
      out.push({
        kind: 'loaded',
        start: h.start,
        end: h.end,
        title: [
          `loaded term: ${h.category}`,
          `entry: ${h.entry}`,
          alt(h.alternatives),
          h.note,
          `voice: ${h.voice}${h.negated ? ', negated' : ''}`,
          `citation: ${h.citation}`,
        ].join(' · '),
      });
    } else if (h.lexicon === 'naming-variants') {
      out.push({
        kind: 'naming',
        start: h.start,
        end: h.end,
        title: [
          `naming variant: ${h.category}`,
          `entry: ${h.concept}/${h.entry}`,
          h.signals ? `signals: ${h.signals}` : '',
          alt(h.alternatives),
          `voice: ${h.voice}`,
          `citation: ${h.citation}`,
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
  }
  for (const at of a.attributions) {
    const verbHit = a.hits.find((h) => h.lexicon === 'reporting-verbs' && h.start === at.verbStart);
    const title = [
      `attribution: ${at.stance} reporting verb`,
      `entry: ${at.verbEntry}`,
      `speaker: ${at.speaker}${at.role ? ` (${at.role})` : ''}, ${at.speakerType}${at.affiliation ? `, ${at.affiliation}` : ''}`,
      `form: ${at.form}`,
      at.stance === 'neutral' ? 'alternatives: none needed' : 'alternatives: said, told',
      `citation: ${verbHit?.citation ?? 'reporting-verbs lexicon'}`,
    ].join(' · ');
    out.push({ kind: 'attribution', start: at.verbStart, end: at.verbEnd, title });
    if (at.speakerEnd > at.speakerStart && (at.speakerEnd <= at.verbStart || at.speakerStart >= at.verbEnd)) {
      out.push({ kind: 'attribution', start: at.speakerStart, end: at.speakerEnd, title });
    }
  }
  for (const s of a.scareQuotes) {
    out.push({
      kind: 'scare',
      start: s.start,
      end: s.end,
      title: (s.attributed
        ? [
            'partial quote: a short fragment of a speaker’s words, credited to the speaker',
            `entry: ${s.text}`,
            'not a scare quote: the quote marks report the speaker’s wording',
          ]
        : [
            'scare quote: short quoted words no speaker is credited with',
            `entry: ${s.text}`,
            'the quote marks are the outlet’s and distance it from the words',
            'alternatives: drop the quote marks or attribute the words',
            'citation: Guardian and Observer style guide, "scare quotes"',
          ]
      ).join(' · '),
    });
  }
  return out
    .filter((h) => h.end > h.start)
    .sort(
      (x, y) =>
        x.start - y.start ||
        y.end - x.end ||
        HIGHLIGHT_KINDS.indexOf(x.kind) - HIGHLIGHT_KINDS.indexOf(y.kind),
    );
}

/** A run of text with the highlights active over all of it. */
export interface Run {
  start: number;
  end: number;
  active: Highlight[];
}

/**
 * Cuts [from, to) of the text at every highlight boundary, so overlapping
 * highlights nest in every run.
 * @param highlights - sorted highlights
 * @param from - start of the range
 * @param to - end of the range
 */
export function runsOf(highlights: Highlight[], from: number, to: number): Run[] {
  const inRange = highlights.filter((h) => h.start < to && h.end > from);
  const cuts = new Set<number>([from, to]);
  for (const h of inRange) {
    cuts.add(Math.max(from, h.start));
    cuts.add(Math.min(to, h.end));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    runs.push({ start, end, active: inRange.filter((h) => h.start <= start && h.end >= end) });
  }
  return runs;
}
