import { referencedArticles } from './entries';
import type { Report } from './types';

/**
 * The report as JSON carries it: hits name their lexicon entries, which are
 * written once in `entries` (see ./entries).
 * @param report - the report
 */
export function reportJson(report: Report) {
  const { articles, entries } = referencedArticles(report.articles);
  return {
    articles,
    lexicons: report.lexicons,
    entries,
    comparison: report.comparison,
    dismissed: report.dismissed,
  };
}

/**
 * The JSON report, two-space indented, ending in a newline. Deterministic:
 * key order is the order the engine builds; entries sorted by kind and id.
 * @param report - the report to render
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(reportJson(report), null, 2)}\n`;
}
