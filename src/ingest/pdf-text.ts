/**
 * Turns the text layer of a PDF, page by page, into an article's text. Pure.
 *
 * A PDF holds positioned lines, not paragraphs: a printed web page or a
 * newspaper's PDF edition wraps every paragraph at the column edge, breaks
 * words with a hyphen at line ends, and repeats a running head (the outlet,
 * the headline, the printing browser's date and address) and a page number
 * on every page. This module drops the repeated and navigation lines, then
 * rebuilds the paragraphs from the layout, as a reflowing reader does: a
 * paragraph ends where the space between lines grows, the type size changes,
 * the next line is indented, or the next line's first word would have fitted
 * on the line (greedy line filling puts a word on the line whenever it fits;
 * Knuth and Plass, "Breaking paragraphs into lines", 1981, §1).
 */

/** One printed line: its text and where it sits, in PDF points (y grows upwards). */
export interface PdfLine {
  text: string;
  /** Left and right edges. */
  left: number;
  right: number;
  /** The baseline's height on the page. */
  baseline: number;
  /** The type size. */
  size: number;
}

/** How many lines at the top and at the bottom of a page can be running heads or page numbers. */
const MARGIN_LINES = 3;

/**
 * A line is a running head when it recurs, ignoring digits, in the margin
 * lines of more than this share of the pages (a head is on every page but
 * often not on the first, which carries the masthead instead).
 */
const RUNNING_HEAD_SHARE = 0.5;

/** A gap between lines this many times the page's usual line spacing separates paragraphs (paragraph spacing or a blank line). */
const PARAGRAPH_GAP = 1.3;

/** Type sizes further apart than this, in points, are different kinds of text (a headline and its story). */
const SIZE_CHANGE = 0.5;

/**
 * A next word must fit with this many average characters to spare before a
 * line break is read as a paragraph end: the word's width is estimated from
 * its line's average character width, which misjudges a word of wide or
 * narrow letters by about that much.
 */
const FIT_MARGIN_CHARS = 2;

/** A line starting this many average characters right of the column's edge is an indented first line. */
const INDENT_CHARS = 1.5;

/** Below this many lines a page's edges are not its column's, and the document's are used. */
const MIN_LINES_FOR_COLUMN = 6;

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;

/** A bare address, as browsers print in a page's footer (optionally followed by "2/5"). */
const BARE_URL = /^(?:https?:\/\/|www\.)\S+(?:\s+\d{1,4}\s*\/\s*\d{1,4})?$/i;

/**
 * Lines that printed web pages carry between paragraphs and that are never
 * article text: slots for advertising and the links around the story.
 * Compared whole and case-insensitively.
 */
const BOILERPLATE_LINES = new Set([
  'advertisement',
  'skip to content',
  'skip to main content',
  'continue reading the main story',
  'share this article',
  'share',
  'print',
  'sign in',
  'log in',
  'subscribe',
]);

/** Separators of menu items and breadcrumbs: pipes, middle dots, bullets, chevrons, and the tab put between items far apart on one line. */
const MENU_SEPARATOR = /\s*(?:\||·|•|›|»|>|\t)\s*/;

/** The longest menu item, in words ("U.S. Politics", "Science & Health"). */
const MAX_MENU_ITEM_WORDS = 3;

/**
 * A navigation line: three or more short items between menu separators
 * ("Home | World | U.S. | Politics", "News › World › Europe"), a bare
 * address, or a known boilerplate line.
 * @param line - one line of a page, trimmed
 */
export function isNavigationLine(line: string): boolean {
  if (BOILERPLATE_LINES.has(line.toLowerCase().replace(/\s+/g, ' '))) return true;
  if (BARE_URL.test(line)) return true;
  const items = line.split(MENU_SEPARATOR).filter((s) => s !== '');
  return items.length >= 3 && items.every((item) => item.split(/\s+/).length <= MAX_MENU_ITEM_WORDS);
}

/** A line's identity as a running head: case, spacing and digits (page numbers, dates) ignored. */
const headKey = (line: string) => line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Indexes of a page's first and last few lines. */
function marginIndexes(lines: PdfLine[]): number[] {
  const all = lines.map((_, i) => i);
  if (all.length <= 2 * MARGIN_LINES) return all;
  return [...all.slice(0, MARGIN_LINES), ...all.slice(-MARGIN_LINES)];
}

/** Drops running heads, page numbers and navigation lines from every page. */
function bodyLines(pages: PdfLine[][]): PdfLine[][] {
  const seen = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(marginIndexes(lines).map((i) => headKey(lines[i].text)));
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const isHead = (key: string) => {
    const count = seen.get(key) ?? 0;
    return pages.length >= 2 && count >= 2 && count > pages.length * RUNNING_HEAD_SHARE;
  };
  return pages.map((lines) => {
    const margin = new Set(marginIndexes(lines));
    return lines.filter(
      (line, i) =>
        !isNavigationLine(line.text) &&
        !(margin.has(i) && (PAGE_NUMBER.test(line.text) || isHead(headKey(line.text)))),
    );
  });
}

/** The value at a share of the way through the sorted values (0.5: the median). */
function quantile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(share * (sorted.length - 1))];
}

/** A page's column: the edges most of its lines start and end at, and its usual line spacing. */
interface Column {
  left: number;
  right: number;
  spacing: number | null;
}

/** The column of some lines, or the fallback when they are too few to tell. */
function columnOf(lines: PdfLine[], fallback: Column | null): Column | null {
  if (lines.length < MIN_LINES_FOR_COLUMN) return fallback;
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const step = lines[i - 1].baseline - lines[i].baseline;
    if (step > 0 && step < 3 * lines[i].size) steps.push(step);
  }
  return {
    left: quantile(
      lines.map((l) => l.left),
      0.1,
    ),
    right: quantile(
      lines.map((l) => l.right),
      0.9,
    ),
    spacing: steps.length ? quantile(steps, 0.5) : (fallback?.spacing ?? null),
  };
}

/**
 * Whether the break between two lines ends a paragraph.
 * @param previous - the line before the break
 * @param line - the line after it
 * @param column - the column of the line's page, if it can tell
 * @param samePage - false across a page break, where the space between the lines means nothing
 */
function endsParagraph(previous: PdfLine, line: PdfLine, column: Column | null, samePage: boolean): boolean {
  if (Math.abs(previous.size - line.size) > SIZE_CHANGE) return true;
  // Too little text to see a layout: its line breaks are kept rather than guessed at.
  if (!column) return true;
  const step = previous.baseline - line.baseline;
  if (samePage && column.spacing && step > column.spacing * PARAGRAPH_GAP) return true;
  const charWidth = (line.right - line.left) / Math.max(1, line.text.length);
  if (line.left - column.left > INDENT_CHARS * charWidth) return true;
  const nextWord = line.text.split(' ')[0].length;
  return previous.right + (1 + nextWord + FIT_MARGIN_CHARS) * charWidth <= column.right;
}

/** Words of the text, lower-cased, hyphenated compounds both whole and in parts. */
function wordsOf(lines: string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines)
    for (const m of line.matchAll(/[A-Za-z]+(?:-[A-Za-z]+)*/g)) {
      const word = m[0].toLowerCase();
      words.add(word);
      for (const part of word.split('-')) words.add(part);
    }
  return words;
}

/**
 * Joins a word broken at a line end. The hyphen goes only when the joined
 * word is a word (known to the vocabulary or written whole elsewhere in the
 * document) and the document never writes it with a hyphen; otherwise it is
 * a real hyphen ("well-known", "pro-Kremlin") and stays.
 */
function joinBrokenWord(
  line: string,
  next: string,
  isWord: (w: string) => boolean,
  words: Set<string>,
): string {
  const left = /([A-Za-z]+)-$/.exec(line)![1];
  const right = /^[a-z]+/.exec(next)![0];
  const joined = `${left}${right}`.toLowerCase();
  const hyphenated = `${left}-${right}`.toLowerCase();
  // The compound as written elsewhere, alone or inside a longer one ("well-known-ish").
  const writtenWithHyphen = [...words].some((w) => `-${w}-`.includes(`-${hyphenated}-`));
  const known = words.has(joined) || isWord(joined);
  return known && !writtenWithHyphen ? `${line.slice(0, -1)}${next}` : `${line}${next}`;
}

/**
 * Rebuilds an article's text from a PDF's pages.
 * @param pages - each page's lines in the order the text layer gives them
 * @param isWord - whether a lower-case word is an English word (decides de-hyphenation)
 * @returns paragraphs separated by blank lines
 */
export function pdfPagesToText(pages: PdfLine[][], isWord: (word: string) => boolean): string {
  const kept = bodyLines(
    pages.map((page) =>
      page.map((l) => ({ ...l, text: l.text.replace(/[\t ]+/g, ' ').trim() })).filter((l) => l.text),
    ),
  );
  const documentColumn = columnOf(kept.flat(), null);
  const words = wordsOf(kept.flat().map((l) => l.text));
  const paragraphs: string[] = [];
  let current = '';
  let previous: PdfLine | null = null;
  for (const page of kept) {
    // Layouts change between pages (a picture beside the first page's column): each page has its own when it can tell.
    const column = columnOf(page, documentColumn);
    page.forEach((line, i) => {
      const text = line.text;
      if (!previous) current = text;
      else if (current.endsWith('\u00ad')) current = `${current.slice(0, -1)}${text}`;
      else if (/[A-Za-z]-$/.test(current) && /^[a-z]/.test(text))
        current = joinBrokenWord(current, text, isWord, words);
      else if (/[—–]$/.test(current)) current = `${current}${text}`;
      else if (endsParagraph(previous, line, column, i > 0)) {
        paragraphs.push(current);
        current = text;
      } else current = `${current} ${text}`;
      previous = line;
    });
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n');
}
