/**
 * Report renderers: pure functions from a {@link ComparisonReport} to the
 * text of a JSON, Markdown, HTML or CSV file. Deterministic: nothing
 * generated from the clock or the environment.
 */
export { renderCsv, CSV_COLUMNS } from './csv';
export { csvCell, escapeHtml, escapeMarkdown } from './escape';
export {
  highlightsOf,
  HIGHLIGHT_KINDS,
  HIGHLIGHT_LABELS,
  type Highlight,
  type HighlightKind,
} from './highlights';
export { renderHtml } from './html';
export { renderJson } from './json';
export { renderMarkdown } from './markdown';
export type { ComparisonReport } from './types';
