/**
 * Reports: one model ({@link Report}, built by {@link buildReport}) and the
 * table of formats that render it. Deterministic: nothing generated from the
 * clock or the environment.
 */
export { buildReport, reportOf, sentenceAt, type DismissalInput } from './build';
export { renderCsv, renderCuesCsv, CSV_COLUMNS, CUES_CSV_COLUMNS } from './csv';
export { csvCell, escapeHtml, escapeMarkdown } from './escape';
export { FORMATS, FORMAT_NAMES, isFormatName, type FormatName, type ReportFormat } from './formats';
export {
  flagLines,
  highlightsOf,
  HIGHLIGHT_KINDS,
  HIGHLIGHT_LABELS,
  type Highlight,
  type HighlightKind,
} from './highlights';
export { renderHtml } from './html';
export { renderJson, reportJson } from './json';
export {
  articleLine,
  referencedArticles,
  type ArticleJson,
  type EntryInfo,
  type EntryMap,
  type HitRef,
} from './entries';
export { renderMarkdown } from './markdown';
export { renderPdf } from './pdf';
export type { DismissedFlag, Report, ReportMeta } from './types';
