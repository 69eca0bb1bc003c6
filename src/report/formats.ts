/**
 * The table of report formats. The CLI's `--format` choices, the web app's
 * download routes and the page's download links all read it, so a new format
 * is one renderer file and one row here.
 */
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { Report, ReportMeta } from './types';
import { FORMAT_NAMES, type FormatName } from './format-names';

export { FORMAT_NAMES, type FormatName };

export interface ReportFormat {
  /** The HTTP Content-Type of the rendered bytes. */
  contentType: string;
  /** The file name extension, without the dot. */
  extension: string;
  /**
   * Renders the report; deterministic for the same report and meta.
   * @param report - the report (see buildReport)
   * @param meta - the comparison's title and dates, for the formats that print them
   */
  render(report: Report, meta: ReportMeta): string | Promise<Buffer>;
}

export const FORMATS = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', render: renderJson },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: renderCsv },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: renderMarkdown },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', render: renderHtml },
  // pdfkit loads only when a PDF is asked for.
  pdf: {
    contentType: 'application/pdf',
    extension: 'pdf',
    render: async (report: Report, meta: ReportMeta) => (await import('./pdf')).renderPdf(report, meta),
  },
} as const satisfies Record<FormatName, ReportFormat>;

/** True when `name` is a format of the table. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
