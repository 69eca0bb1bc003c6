/**
 * Finds quotations by their double quote marks, in the original text.
 *
 * Marks are classified by their shape and their context, so mismatched marks
 * still pair up: in `“RIA News“` the second mark follows a word and precedes
 * punctuation, so it closes. A quotation that is still open at the end of a
 * paragraph is a diagnostic, not a guess — unless the next paragraph opens
 * with a quote mark, the news convention for a quotation running on over
 * several paragraphs (AP Stylebook, "quotation marks").
 *
 * Two typewriter apostrophes (`''`) and two grave accents (` `` `) also count
 * as a double quote mark: newspaper archives and wire feeds set quotations
 * that way (the New York Times archive's plain text uses `''…''`, and TeX's
 * convention, kept by the Penn Treebank, opens with ` `` `).
 */
import type { Diagnostic, Quotation } from './types';

const OPENERS = new Set(['\u201c', '\u201e', '\u00ab']);
const CLOSERS = new Set(['\u201d', '\u00bb']);
const AMBIGUOUS = new Set(['"', '\uff02', '\u201f']);
/** Two-character marks: `''` closes or opens like `"`; ` `` ` only opens. */
const DOUBLED_AMBIGUOUS = "''";
const DOUBLED_OPENER = '``';
const QUOTE_MARK = /''|``|[\u201c\u201e\u00ab\u201d\u00bb"\uff02\u201f]/g;

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

type Role = 'open' | 'close';

function classify(text: string, i: number, mark: string, inside: boolean): Role | null {
  const ch = mark.length === 2 ? (mark === DOUBLED_OPENER ? '\u201c' : '"') : mark;
  const before = text[i - 1];
  const after = text[i + mark.length];
  const openContext = isSpace(before) || /[([{\u2014\u2013/-]/.test(before ?? '');
  const closeContext = !isSpace(before) && (isSpace(after) || /[.,;:!?)\]}\u2014\u2013-]/.test(after ?? ''));
  if (OPENERS.has(ch)) {
    // “RIA News“: an opener used as a closer after a word.
    if (inside && closeContext && !openContext) return 'close';
    return 'open';
  }
  if (CLOSERS.has(ch)) {
    if (!inside && openContext && isWordChar(after)) return 'open';
    return 'close';
  }
  if (AMBIGUOUS.has(ch)) {
    if (inside) return 'close';
    if (openContext) return 'open';
    if (closeContext) return 'close';
    return isWordChar(after) ? 'open' : 'close';
  }
  return null;
}

const countWords = (s: string) => (s.match(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu) ?? []).length;

/**
 * Finds the quotations in each paragraph.
 * @param text - the original text
 * @param paragraphs - paragraph spans (a quotation never crosses one, except by the run-on convention)
 */
export function findQuotations(
  text: string,
  paragraphs: { start: number; end: number }[],
): { quotations: Quotation[]; diagnostics: Diagnostic[] } {
  const quotations: Quotation[] = [];
  const diagnostics: Diagnostic[] = [];
  const push = (open: number, openLen: number, close: number, closeLen: number) => {
    let start = open + openLen;
    let end = close;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    if (end <= start) return;
    const inner = text.slice(start, end);
    quotations.push({
      start,
      end,
      text: inner,
      outerStart: open,
      outerEnd: close + closeLen,
      wordCount: countWords(inner),
    });
  };
  for (let p = 0; p < paragraphs.length; p++) {
    const { start, end } = paragraphs[p];
    let open = -1;
    let openLength = 1;
    // Jump from quote mark to quote mark rather than testing every character.
    QUOTE_MARK.lastIndex = start;
    for (let m = QUOTE_MARK.exec(text); m !== null && m.index < end; m = QUOTE_MARK.exec(text)) {
      const i = m.index;
      const mark = m[0];
      const role = classify(text, i, mark, open >= 0);
      if (role === 'open') {
        if (open >= 0) {
          // A second opener while one is open: nested or broken; keep the outer one.
          continue;
        }
        open = i;
        openLength = mark.length;
      } else if (role === 'close') {
        if (open < 0) {
          diagnostics.push({
            code: 'stray-quote',
            message: `closing quote mark at ${i} has no opening mark; ignored`,
            start: i,
            end: i + mark.length,
          });
          continue;
        }
        push(open, openLength, i, mark.length);
        open = -1;
      }
    }
    if (open >= 0) {
      const next = paragraphs[p + 1];
      const nextOpens =
        next !== undefined &&
        (OPENERS.has(text[next.start]) ||
          AMBIGUOUS.has(text[next.start]) ||
          text.startsWith(DOUBLED_AMBIGUOUS, next.start) ||
          text.startsWith(DOUBLED_OPENER, next.start));
      if (nextOpens) {
        push(open, openLength, end, 0);
      } else {
        diagnostics.push({
          code: 'unclosed-quote',
          message: `quotation opened at ${open} is not closed before the end of its paragraph; it is not treated as a quotation`,
          start: open,
          end: Math.min(end, open + 60),
        });
      }
    }
  }
  return { quotations, diagnostics };
}
