/**
 * Escaping for every output format. All text that comes from an article, a
 * lexicon or the user passes through one of these before it is written.
 */
import { balanceIsolates, isolateText } from '../core/bidi';

export { balanceIsolates, isolateText };

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
 * Escaped HTML of a user string (a label, a title, a name, quoted text) in a
 * `<bdi>` element, so its direction is its own and a right-to-left override in
 * it cannot reorder the page's text around it (HTML Living Standard, "the bdi
 * element"); its isolates are balanced so none can close the element's early.
 * @param value - any value; null and undefined become an empty element
 */
export function isolateHtml(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
  return `<bdi>${escapeHtml(balanceIsolates(String(value ?? '')))}</bdi>`;
}

/**
 * Escapes text for Markdown, GitHub Flavored Markdown included, so article
 * text stays text: CommonMark backslash escapes before every character that
 * could open a link, an image, emphasis, code, HTML, an entity, a table cell,
 * a block or a GitHub extension (strikethrough, math, mentions), and before
 * the colon of `scheme://`, `mailto:` and `xmpp:` and the dot of `www.`, which
 * GFM would otherwise turn into links; a leading list or heading marker is
 * escaped and leading spaces (an indented code block) dropped. Newlines become
 * spaces so a cell stays on one row. Text with right-to-left letters or
 * direction controls is isolated (see {@link isolateText}).
 * @param value - any value; null and undefined become the empty string
 */
export function escapeMarkdown(value: unknown): string {
  return isolateText(
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
    String(value ?? '')
      .replace(/\r\n?|\n/g, ' ')
      // Parentheses, braces and "!" only matter after "]" or before "[", both escaped.
      .replace(/[\\`*_[\]<>#|~&$@]/g, (c) => `\\${c}`)
      .replace(/:(?=\/\/)|(?<=\b(?:mailto|xmpp)):/gi, '\\:')
      .replace(/(?<=\bwww)\./gi, '\\.')
      .replace(/^\s+/, '')
      .replace(/^[-+=]/, '\\$&')
      .replace(/^(\d{1,9})([.)])/, '$1\\$2'),
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
