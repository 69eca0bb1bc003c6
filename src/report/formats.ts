/**
 * The table of report formats. The CLI's `--format` choices, the web app's
 * download routes and the page's download links all read it, so a new format
 * is one renderer file and one row here.
 */
import { renderCsv, renderCuesCsv } from './csv';
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
  /** What the download is called on the page. */
  label: string;
  /** Added to the file name before the extension, so two formats with one extension download as different files. */
  nameSuffix: string;
  /**
   * Renders the report; deterministic for the same report and meta.
   * @param report - the report (see buildReport)
   * @param meta - the comparison's title and dates, for the formats that print them
   */
  render(report: Report, meta: ReportMeta): string | Promise<Buffer>;
}

const CSV_TYPE = 'text/csv; charset=utf-8';

/** The PDF renderer, loaded on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see the pdf row below
const loadPdf = () => require('./pdf') as typeof import('./pdf');

export const FORMATS = {
  json: {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    label: 'JSON',
    nameSuffix: '',
    render: renderJson,
  },
  csv: { contentType: CSV_TYPE, extension: 'csv', label: 'CSV', nameSuffix: '', render: renderCsv },
  // Frame cues and actor mentions, token by token: a sheet of their own, not rows of the findings.
  cues: {
    contentType: CSV_TYPE,
    extension: 'csv',
    label: 'Cues CSV',
    nameSuffix: '-cues',
    render: renderCuesCsv,
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    label: 'Markdown',
    nameSuffix: '',
    render: renderMarkdown,
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    label: 'HTML',
    nameSuffix: '',
    render: renderHtml,
  },
  // pdfkit loads only when a PDF is asked for. A require, not import(): a job worker run from
  // the TypeScript sources (tests) hooks require only, and the compiled code makes it a require anyway.
  pdf: {
    contentType: 'application/pdf',
    extension: 'pdf',
    label: 'PDF (A4)',
    nameSuffix: '',
    render: (report: Report, meta: ReportMeta) => loadPdf().renderPdf(report, meta, 'A4'),
  },
  'pdf-letter': {
    contentType: 'application/pdf',
    extension: 'pdf',
    label: 'PDF (US Letter)',
    nameSuffix: '-letter',
    render: (report: Report, meta: ReportMeta) => loadPdf().renderPdf(report, meta, 'LETTER'),
  },
} as const satisfies Record<FormatName, ReportFormat>;

/** True when `name` is a format of the table. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
