import type { Report } from './types';

/**
 * The JSON report: the `analyze` output plus `comparison`, two-space
 * indented, ending in a newline. Deterministic: key order is the order the
 * engine builds.
 * @param report - the report to render
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
