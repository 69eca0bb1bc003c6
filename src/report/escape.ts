/**
 * Escaping for every output format. All text that comes from an article, a
 * lexicon or the user passes through one of these before it is written.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Not needed inside quoted attributes, but harmless, and it closes old IE's backtick-attribute hole.
  '`': '&#96;',
};

/**
 * Escapes text for HTML element content and quoted attribute values
 * (OWASP XSS Prevention Cheat Sheet, rule 1 and 2).
 * @param value - any value; null and undefined become the empty string
 */
export function escapeHtml(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Escapes text for Markdown (CommonMark backslash escapes) so article text
 * cannot open links, emphasis, HTML or table cells; newlines become spaces so
 * a cell stays on one row.
 * @param value - any value; null and undefined become the empty string
 */
export function escapeMarkdown(value: unknown): string {
  return (
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
    String(value ?? '')
      .replace(/\r\n?|\n/g, ' ')
      // Parentheses, braces and "!" only matter after "]" or before "[", both escaped.
      .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
      .replace(/^(\s*)-/, '$1\\-')
  );
}

/**
 * One CSV cell: RFC 4180 quoting, and a leading `'` before a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR; OWASP "CSV
 * Injection").
 * @param value - any value; null and undefined become the empty cell
 */
export function csvCell(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
