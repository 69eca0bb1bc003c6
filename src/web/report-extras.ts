/**
 * Makes sure every downloaded report states what the user dismissed: the
 * shared renderers take the `framelens compare` report, which has no
 * dismissals, so they are added here in each format's own terms.
 */
import { csvCell, CSV_COLUMNS, escapeHtml, escapeMarkdown } from '../report';
import type { FramelensReport } from './analyses';

/**
 * Adds the dismissed flags to a rendered report unless the renderer already included them.
 * @param format - json, csv, md or html
 * @param rendered - the renderer's output
 * @param report - the report it rendered
 */
export function withDismissed(
  format: 'json' | 'csv' | 'md' | 'html',
  rendered: string,
  report: FramelensReport,
): string {
  const d = report.dismissed;
  const sourceOf = (id: string) => report.articles.find((a) => a.id === id)?.source ?? id;
  if (format === 'json') {
    const parsed = JSON.parse(rendered) as Record<string, unknown>;
    return 'dismissed' in parsed ? rendered : `${JSON.stringify({ ...parsed, dismissed: d }, null, 2)}\n`;
  }
  if (format === 'md') {
    if (/^#+ Dismissed/m.test(rendered)) return rendered;
    const lines = d.length
      ? d.map(
          (x) =>
            `- ${escapeMarkdown(sourceOf(x.articleId))}: ${escapeMarkdown(x.kind)} \`${x.entry.replace(/`/g, "'")}\` — “${escapeMarkdown(x.text)}” (${x.start}-${x.end})`,
        )
      : ['None: every flag is shown.'];
    return `${rendered.trimEnd()}\n\n## Dismissed flags\n\n${lines.join('\n')}\n`;
  }
  if (format === 'html') {
    if (/id="dismissed"/.test(rendered)) return rendered;
    const items = d.length
      ? `<ul>${d.map((x) => `<li>${escapeHtml(sourceOf(x.articleId))}: ${escapeHtml(x.kind)} <code>${escapeHtml(x.entry)}</code> — “${escapeHtml(x.text)}” (${x.start}-${x.end})</li>`).join('')}</ul>`
      : '<p>None: every flag is shown.</p>';
    const section = `<section id="dismissed"><h2>Dismissed flags</h2>${items}</section>`;
    const at = rendered.lastIndexOf('</body>');
    return at >= 0
      ? `${rendered.slice(0, at)}${section}\n${rendered.slice(at)}`
      : `${rendered}\n${section}\n`;
  }
  // CSV: one row per dismissed flag, in the renderer's columns, finding "dismissed".
  if (!d.length) return rendered;
  const eol = rendered.includes('\r\n') ? '\r\n' : '\n';
  const rows = d.map((x) => {
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      article_id: x.articleId,
      source: sourceOf(x.articleId),
      finding: 'dismissed',
      text: x.text,
      category: `${x.kind}:${x.entry}`,
      stance: null,
      speaker: null,
      voice: null,
      start: x.start,
      end: x.end,
    };
    return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
  });
  return `${rendered.replace(/(\r?\n)*$/, '')}${eol}${rows.join(eol)}${eol}`;
}
