import { referencedArticles } from './entries';
import type { Report } from './types';

/**
 * The report as JSON carries it: hits name their lexicon entries, which are
 * written once in `entries` (see ./entries).
 * @param report - the report
 */
export function reportJson(report: Report) {
  // One entries map for the bodies and the headlines, which use the same lexicons.
  const { articles: both, entries } = referencedArticles([...report.articles, ...report.headlines]);
  return {
    articles: both.slice(0, report.articles.length),
    headlines: both.slice(report.articles.length),
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
