/**
 * The CSV reports, RFC 4180 (CRLF line ends, quoted cells), with spreadsheet
 * formula injection defused in every cell. The findings sheet gives each
 * finding its article (outlet, title, date, URL) and its sentence: article
 * findings first (per article, headline then body, by position), then the
 * comparison's findings that concern one article, then the dismissed flags.
 * Token-level cues (frame cues and actor mentions), which an editor does not
 * read one by one, go to a sheet of their own ({@link renderCuesCsv}).
 */
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis, Hit } from '../core/types';
import { sentenceAt } from './build';
import { csvCell } from './escape';
import type { Report } from './types';

export const CSV_COLUMNS = [
  'article_id',
  'source',
  'title',
  'date',
  'url',
  'part',
  'finding',
  'text',
  'category',
  'stance',
  'speaker',
  'voice',
  'sentence',
  'start',
  'end',
] as const;

/** The columns of the cues sheet: one row per frame cue or actor mention. */
export const CUES_CSV_COLUMNS = [
  'article_id',
  'source',
  'part',
  'cue',
  'entry',
  'category',
  'text',
  'voice',
  'sentence',
  'start',
  'end',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | null>;
type CueRow = Record<(typeof CUES_CSV_COLUMNS)[number], string | number | null>;

/** Where a finding lies: the article's body, or its headline analysed on its own (offsets into the title). */
type Part = 'body' | 'headline';

/** Hits of the cues sheet: counted into profiles, never read one by one. */
const CUE_KINDS: ReadonlySet<Hit['lexicon']> = new Set(['frames', 'actors']);

/** The sentence a span lies in, on one line. */
const sentenceOf = (a: ArticleAnalysis, offset: number) =>
  sentenceAt(a, offset).text.replace(/\s+/g, ' ').trim();

/** The cells that name an article, the same on every row of it. */
type ArticleCells = Pick<Row, 'article_id' | 'source' | 'title' | 'date' | 'url'>;

function articleCells(a: ArticleAnalysis | undefined, id: string): ArticleCells {
  return {
    article_id: id,
    source: a?.source ?? id,
    title: a?.title ?? null,
    date: a?.date ?? null,
    url: a?.url ?? null,
  };
}

function articleRows(a: ArticleAnalysis, cells: ArticleCells, part: Part): Row[] {
  const rows: (Row & { order: number })[] = [];
  const at = (start: number, end: number) => ({ part, sentence: sentenceOf(a, start), start, end });
  for (const h of a.hits) {
    if (CUE_KINDS.has(h.lexicon)) continue;
    rows.push({
      ...cells,
      ...at(h.start, h.end),
      finding: h.lexicon,
      text: h.text,
      // The lexicon category and the entry id, so each row names what matched.
      category: `${h.category}:${h.concept ? `${h.concept}/` : ''}${h.entry}`,
      stance: h.stance ?? null,
      speaker: null,
      voice: h.voice,
      order: 0,
    });
  }
  for (const t of a.attributions) {
    rows.push({
      ...cells,
      ...at(t.start, t.end),
      finding: 'attribution',
      text: t.quote,
      category: t.form,
      stance: t.stance,
      speaker: t.speaker,
      voice: t.form === 'direct' ? 'quoted' : 'reported',
      order: 1,
    });
  }
  for (const q of a.scareQuotes) {
    rows.push({
      ...cells,
      ...at(q.start, q.end),
      finding: q.attributed ? 'partial-quote' : 'scare-quote',
      text: q.text,
      category: q.attributed ? 'attributed' : 'unattributed',
      stance: null,
      speaker: null,
      voice: null,
      order: 2,
    });
  }
  rows.sort(
    (x, y) =>
      (x.start as number) - (y.start as number) || (x.end as number) - (y.end as number) || x.order - y.order,
  );
  return rows.map(({ order: _order, ...r }) => r);
}

function comparisonRows(c: Comparison, cellsOf: (id: string) => ArticleCells): Row[] {
  const rows: Row[] = [];
  const empty = {
    part: null,
    stance: null,
    speaker: null,
    voice: null,
    sentence: null,
    start: null,
    end: null,
  };
  for (const a of c.attributions.asymmetries) {
    for (const u of [...a.distancing, ...a.credited]) {
      rows.push({
        ...empty,
        ...cellsOf(u.articleId),
        finding: 'asymmetry',
        text: u.verbs.map((v) => v.verb).join('; '),
        category: a.kind,
        stance: u.stances.join('; '),
        speaker: a.label,
      });
    }
  }
  for (const u of c.loadedTerms.uniqueTerms) {
    rows.push({
      ...empty,
      ...cellsOf(u.articleId),
      finding: 'unique-term',
      text: u.forms.join('; '),
      category: `${u.category}:${u.entry}`,
    });
  }
  for (const o of c.omissions.items) {
    for (const id of o.missingFrom)
      rows.push({
        ...empty,
        ...cellsOf(id),
        finding: 'omission',
        text: o.label,
        category: o.kind,
        speaker: o.kind === 'speaker' ? o.label : null,
      });
  }
  for (const g of c.alignment.groups) {
    if (!g.differs) continue;
    for (const m of g.members) {
      const differing = m.segments
        .filter((s) => s.differs)
        .map((s) => s.text)
        .join(' … ');
      if (differing)
        rows.push({
          ...empty,
          ...cellsOf(m.articleId),
          part: 'body',
          finding: 'fact-wording',
          text: differing,
          category: g.id,
          // The segments are the aligned sentence, split where the wording differs.
          sentence: m.segments.map((s) => s.text).join(''),
          start: m.start,
          end: m.end,
        });
    }
  }
  for (const p of c.syndication.pairs) {
    rows.push({
      ...empty,
      ...cellsOf(p.b),
      finding: 'syndication',
      text: `near-duplicate of ${p.a}`,
      category: `jaccard ${p.jaccard}; containment ${p.containment}`,
    });
  }
  return rows;
}

/** The rows of a table, with a header of its columns, as RFC 4180 text. */
function csvTable<K extends string>(
  columns: readonly K[],
  rows: Record<K, string | number | null>[],
): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((k) => csvCell(r[k])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Each article's analysis with the part it covers: its headline first, then its body. */
function parts(report: Report): { analysis: ArticleAnalysis; part: Part; cells: ArticleCells }[] {
  const headlines = new Map(report.headlines.map((h) => [h.id, h]));
  return report.articles.flatMap((a) => {
    const cells = articleCells(a, a.id);
    const headline = headlines.get(a.id);
    return [
      ...(headline ? [{ analysis: headline, part: 'headline' as const, cells }] : []),
      { analysis: a, part: 'body' as const, cells },
    ];
  });
}

/**
 * Renders the findings sheet, with exactly the columns of {@link CSV_COLUMNS}.
 * @param report - articles, headlines, lexicon versions, the comparison (or null) and the dismissed flags
 */
export function renderCsv(report: Report): string {
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  const cellsOf = (id: string) => articleCells(byId.get(id), id);
  const rows = [
    ...parts(report).flatMap((p) => articleRows(p.analysis, p.cells, p.part)),
    ...(report.comparison ? comparisonRows(report.comparison, cellsOf) : []),
    // One row per dismissed flag, finding "dismissed", its kind and entry as the category.
    ...report.dismissed.map((d): Row => ({
      ...cellsOf(d.articleId),
      part: d.part,
      finding: 'dismissed',
      text: d.text,
      category: `${d.kind}:${d.entry}`,
      stance: null,
      speaker: null,
      voice: null,
      sentence: d.sentence,
      start: d.start,
      end: d.end,
    })),
  ];
  return csvTable(CSV_COLUMNS, rows);
}

/**
 * Renders the cues sheet: every frame cue and actor mention, with exactly the columns of
 * {@link CUES_CSV_COLUMNS}, per article (headline, then body) by position.
 * @param report - the report
 */
export function renderCuesCsv(report: Report): string {
  const rows = parts(report).flatMap(({ analysis: a, part }) =>
    a.hits
      .filter((h) => CUE_KINDS.has(h.lexicon))
      .map((h): CueRow => ({
        article_id: a.id,
        source: a.source,
        part,
        cue: h.lexicon === 'frames' ? 'frame' : 'actor',
        entry: h.entry,
        category: h.lexicon === 'actors' ? (h.affiliation ?? h.category) : h.category,
        text: h.text,
        voice: h.voice,
        sentence: sentenceOf(a, h.start),
        start: h.start,
        end: h.end,
      })),
  );
  return csvTable(CUES_CSV_COLUMNS, rows);
}
