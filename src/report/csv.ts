/**
 * The CSV report: one row per finding, RFC 4180 (CRLF line ends, quoted
 * cells), with spreadsheet formula injection defused in every cell.
 * Article findings come first (per article, by position), then the
 * comparison's findings that concern one article.
 */
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';
import { csvCell } from './escape';
import type { Report } from './types';

export const CSV_COLUMNS = [
  'article_id',
  'source',
  'finding',
  'text',
  'category',
  'stance',
  'speaker',
  'voice',
  'start',
  'end',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

function articleRows(a: ArticleAnalysis): Row[] {
  const rows: (Row & { order: number })[] = [];
  const base = { article_id: a.id, source: a.source };
  for (const h of a.hits) {
    rows.push({
      ...base,
      finding: h.lexicon,
      text: h.text,
      // The lexicon category and the entry id, so each row names what matched.
      category: `${h.category}:${h.concept ? `${h.concept}/` : ''}${h.entry}`,
      stance: h.stance ?? null,
      speaker: null,
      voice: h.voice,
      start: h.start,
      end: h.end,
      order: 0,
    });
  }
  for (const at of a.attributions) {
    rows.push({
      ...base,
      finding: 'attribution',
      text: at.quote,
      category: at.form,
      stance: at.stance,
      speaker: at.speaker,
      voice: at.form === 'direct' ? 'quoted' : 'reported',
      start: at.start,
      end: at.end,
      order: 1,
    });
  }
  for (const s of a.scareQuotes) {
    rows.push({
      ...base,
      finding: s.attributed ? 'partial-quote' : 'scare-quote',
      text: s.text,
      category: s.attributed ? 'attributed' : 'unattributed',
      stance: null,
      speaker: null,
      voice: null,
      start: s.start,
      end: s.end,
      order: 2,
    });
  }
  rows.sort(
    (x, y) =>
      (x.start as number) - (y.start as number) || (x.end as number) - (y.end as number) || x.order - y.order,
  );
  return rows.map(({ order: _order, ...r }) => r);
}

function comparisonRows(c: Comparison, sourceOf: (id: string) => string): Row[] {
  const rows: Row[] = [];
  const empty = { stance: null, speaker: null, voice: null, start: null, end: null };
  for (const a of c.attributions.asymmetries) {
    for (const u of [...a.distancing, ...a.credited]) {
      rows.push({
        ...empty,
        article_id: u.articleId,
        source: sourceOf(u.articleId),
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
      article_id: u.articleId,
      source: sourceOf(u.articleId),
      finding: 'unique-term',
      text: u.forms.join('; '),
      category: `${u.category}:${u.entry}`,
    });
  }
  for (const o of c.omissions.items) {
    for (const id of o.missingFrom)
      rows.push({
        ...empty,
        article_id: id,
        source: sourceOf(id),
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
          article_id: m.articleId,
          source: sourceOf(m.articleId),
          finding: 'fact-wording',
          text: differing,
          category: g.id,
          start: m.start,
          end: m.end,
        });
    }
  }
  for (const p of c.syndication.pairs) {
    rows.push({
      ...empty,
      article_id: p.b,
      source: sourceOf(p.b),
      finding: 'syndication',
      text: `near-duplicate of ${p.a}`,
      category: `jaccard ${p.jaccard}; containment ${p.containment}`,
    });
  }
  return rows;
}

/**
 * Renders the report as CSV with exactly the columns of {@link CSV_COLUMNS}.
 * @param report - articles, lexicon versions and the comparison (or null)
 */
export function renderCsv(report: Report): string {
  const sources = new Map(report.articles.map((a) => [a.id, a.source]));
  const rows = [
    ...report.articles.flatMap(articleRows),
    ...(report.comparison ? comparisonRows(report.comparison, (id) => sources.get(id) ?? id) : []),
    // One row per dismissed flag, finding "dismissed", its kind and entry as the category.
    ...report.dismissed.map((d): Row => ({
      article_id: d.articleId,
      source: d.source,
      finding: 'dismissed',
      text: d.text,
      category: `${d.kind}:${d.entry}`,
      stance: null,
      speaker: null,
      voice: null,
      start: d.start,
      end: d.end,
    })),
  ];
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((k) => csvCell(r[k])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
