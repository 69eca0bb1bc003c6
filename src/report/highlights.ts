/**
 * Highlights of one article from its findings' offsets: loaded terms, naming
 * variants, attributions and scare quotes, each with an explanation for the
 * reader. Shared by the HTML report and anything else that marks up text.
 */
import type { Span } from '../core/spans';
import type { ArticleAnalysis, Voice } from '../core/types';

export type HighlightKind = 'loaded' | 'naming' | 'scare' | 'attribution';

/** The kinds of highlight, in the order they win (the page) or nest outermost first (the HTML report) when two overlap. */
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['loaded', 'naming', 'scare', 'attribution'];

export const HIGHLIGHT_LABELS: Record<HighlightKind, string> = {
  loaded: 'Loaded term',
  naming: 'Naming variant',
  scare: 'Scare quote or partial quote',
  attribution: 'Attribution (speaker and reporting verb)',
};

export interface Highlight {
  kind: HighlightKind;
  start: number;
  end: number;
  /** Lines of plain text explaining the flag: category, entry, alternatives, note, citation. */
  lines: string[];
}

/** Where a hit stands, in words, by its voice. */
const VOICE_PHRASES: Record<Voice, string> = {
  quoted: 'in quoted speech',
  reported: "in the outlet's paraphrase of a speaker",
  narration: "in the outlet's own words",
};

const alternatives = (xs: readonly string[]) => (xs.length ? `Alternatives: ${xs.join(', ')}` : '');

/**
 * The highlights of an analysis, for the page and the HTML report alike: loaded terms, naming
 * variants, scare and partial quotes, and attributions (the reporting verb and the speaker's
 * mention), each explaining itself from its lexicon entry. Sorted by position.
 * @param a - the analysis (dismissed flags already removed)
 */
export function highlightsOf(a: ArticleAnalysis): Highlight[] {
  const out: Highlight[] = [];
  for (const h of a.hits) {
    const where = `${VOICE_PHRASES[h.voice]}${h.negated ? ', negated' : ''}`;
    if (h.lexicon === 'loaded-terms') {
      out.push({
        kind: 'loaded',
        start: h.start,
        end: h.end,
        lines: [
          `Loaded term: ${h.category.replace(/-/g, ' ')} (${where})`,
          `Lexicon entry: ${h.entry}`,
          alternatives(h.alternatives) || 'No neutral alternative listed',
          h.note,
          `Citation: ${h.citation}`,
        ],
      });
    } else if (h.lexicon === 'naming-variants') {
      out.push({
        kind: 'naming',
        start: h.start,
        end: h.end,
        lines: [
          `Naming variant: ${h.concept ?? ''} → ${h.entry} (${where})`,
          h.signals ? `Signals: ${h.signals}` : h.category,
          alternatives(h.alternatives),
          `Citation: ${h.citation}`,
        ].filter(Boolean),
      });
    }
  }
  for (const s of a.scareQuotes) {
    out.push({
      kind: 'scare',
      start: s.start,
      end: s.end,
      lines: s.attributed
        ? [
            'Partial quote: a short fragment of a speaker’s words, credited to the speaker',
            'Not a scare quote: the quote marks report the speaker’s wording',
          ]
        : [
            'Scare quote: short quoted words no speaker is credited with; the quote marks are the outlet’s and distance it from the words',
            'Alternatives: drop the quote marks or attribute the words',
            'Citation: Guardian and Observer style guide, "scare quotes"',
          ],
    });
  }
  const verbHits = new Map(
    a.hits.filter((h) => h.lexicon === 'reporting-verbs').map((h) => [`${h.start}:${h.entry}`, h]),
  );
  for (const t of a.attributions) {
    // The verb's own lexicon entry gives its alternatives and citation.
    const verb = verbHits.get(`${t.verbStart}:${t.verbEntry}`);
    const lines = [
      `Attribution: ${t.speaker}${t.role ? `, ${t.role}` : ''} (${t.speakerType}${t.affiliation ? `, ${t.affiliation}` : ''})`,
      `Verb "${t.verb}": stance ${t.stance}, ${t.form} speech`,
      t.resolved ? 'The speaker was resolved from a pronoun or role noun' : '',
      `Lexicon entry: ${t.verbEntry}`,
      verb ? alternatives(verb.alternatives) : '',
      verb ? `Citation: ${verb.citation}` : '',
    ].filter(Boolean);
    out.push({ kind: 'attribution', start: t.verbStart, end: t.verbEnd, lines });
    if (t.speakerEnd > t.speakerStart && (t.speakerEnd <= t.verbStart || t.speakerStart >= t.verbEnd))
      out.push({ kind: 'attribution', start: t.speakerStart, end: t.speakerEnd, lines });
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
 * Cuts each paragraph of the text at every highlight boundary inside it, so
 * overlapping highlights nest in every run. One sweep over the highlights and
 * the paragraphs together: the cost grows with their number and the runs'
 * nesting depth, not with paragraphs × highlights.
 * @param highlights - highlights sorted as {@link highlightsOf} sorts them
 * @param paragraphs - non-overlapping ranges, ascending
 * @returns the runs of each paragraph, each run's highlights in the given order
 */
export function paragraphRuns(highlights: readonly Highlight[], paragraphs: readonly Span[]): Run[][] {
  let next = 0;
  // Highlights that started before the current paragraph and reach into it, in the given order.
  let carried: Highlight[] = [];
  return paragraphs.map(({ start: from, end: to }) => {
    const inRange = carried.filter((h) => h.end > from);
    while (next < highlights.length && highlights[next].start < to) {
      const h = highlights[next++];
      if (h.end > from) inRange.push(h);
    }
    carried = inRange.filter((h) => h.end > to);
    const cuts = new Set<number>([from, to]);
    for (const h of inRange) {
      cuts.add(Math.max(from, h.start));
      cuts.add(Math.min(to, h.end));
    }
    const points = [...cuts].sort((x, y) => x - y);
    const runs: Run[] = [];
    // Every start and end is a cut, so a highlight open at a run's start covers the whole run.
    let active: Highlight[] = [];
    let opened = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      if (active.some((h) => h.end <= start)) active = active.filter((h) => h.end > start);
      while (opened < inRange.length && inRange[opened].start <= start) active.push(inRange[opened++]);
      runs.push({ start, end: points[i + 1], active: [...active] });
    }
    return runs;
  });
}

/**
 * The flags of a short text, such as a headline analysed on its own, one plain line per flagged
 * span: the words, then each reason (the highlight's first line). An attribution is one line for
 * its speaker and verb ("“Moscow … denies”: Attribution: Moscow (organization); Verb "denies": …").
 * Not escaped.
 * @param a - the analysis of the text
 */
export function flagLines(a: ArticleAnalysis): string[] {
  // An attribution's speaker and verb highlights share one array of lines; other flags are grouped by span.
  const groups = new Map<unknown, Highlight[]>();
  for (const h of highlightsOf(a)) {
    const key = h.kind === 'attribution' ? h.lines : `${h.start}:${h.end}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()].map((spans) => {
    if (spans[0].kind === 'attribution') {
      const words = spans.map((h) => a.text.slice(h.start, h.end)).join(' … ');
      return `“${words}”: ${spans[0].lines.slice(0, 2).join('; ')}`;
    }
    return `“${a.text.slice(spans[0].start, spans[0].end)}”: ${spans.map((h) => h.lines[0]).join('; ')}`;
  });
}
