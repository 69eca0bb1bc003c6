/**
 * The extractors that run inside a job worker (see `batch/pool.ts`), never on
 * the server's main thread: HTML through Mozilla Readability (the Firefox
 * Reader View algorithm) on jsdom, PDF through pdf-parse, and `.docx`
 * through mammoth after every zip entry has been inflated under a byte
 * counter (`zip.ts`). jsdom 29 and pdf.js load ESM-only code, which Node
 * 20.19+ handles through require(esm) but Jest's module sandbox does not, so
 * this module is loaded by the worker only. Scripts in uploaded HTML are
 * never run (jsdom's default).
 */
import { createRequire } from 'node:module';
import { isEnglishWord } from '../core/language';
import { cleanByline, documentTitle, pageMetadata, pdfMetadata, type MetaTag } from './metadata';
import { pdfPagesToText, type PdfLine } from './pdf-text';
import { checkZipInflation, readZipEntry } from './zip';

export interface HtmlText {
  text: string;
  title: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
}

/** A PDF's text and what its metadata says. */
export interface PdfText {
  text: string;
  title: string | null;
  /** The outlet, from a publisher field only. */
  source: string | null;
}

/** A Word document's text and the title in its document properties. */
export interface DocxText {
  text: string;
  title: string | null;
}

// Untyped at load time on purpose: these modules are ESM underneath and must not be pulled into Jest's sandbox.
const load = createRequire(__filename);

const BLOCK = new Set(
  'P DIV SECTION ARTICLE MAIN HEADER FOOTER ASIDE BLOCKQUOTE PRE UL OL LI DL DT DD TABLE TR H1 H2 H3 H4 H5 H6 FIGURE FIGCAPTION HR ADDRESS'.split(
    ' ',
  ),
);
const SKIP = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT SVG NAV FORM BUTTON SELECT'.split(' '));

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** Text with a paragraph break at every block boundary and a line break at `<br>`; iterative, so deep nesting cannot overflow the stack. */
function blocksToText(root: DomNode): string {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    const line = current
      .replace(/[ \t\f\v\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
    if (line) parts.push(line);
    current = '';
  };
  // A stack of nodes to enter and block ends to flush at (null).
  const stack: (DomNode | null)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === null) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (name === 'BR') {
      current += '\n';
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push(null);
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
  flush();
  return parts.join('\n\n');
}

/**
 * Extracts the main text of an HTML page, paragraphs separated by blank lines.
 * @param source - the page's markup; parsed, never executed
 */
export function htmlToText(source: string): HtmlText {
  /* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */
  const { JSDOM } = load('jsdom');
  const { Readability } = load('@mozilla/readability');
  const dom = new JSDOM(source, { contentType: 'text/html' });
  const document = dom.window.document;
  try {
    // Read before Readability, which rewrites the document.
    const declared = pageMetadata({
      metas: Array.from(document.querySelectorAll('meta') as ArrayLike<DomElement>, (m) => ({
        name: m.getAttribute('name'),
        property: m.getAttribute('property'),
        itemprop: m.getAttribute('itemprop'),
        content: m.getAttribute('content'),
      })) satisfies MetaTag[],
      jsonLd: Array.from(
        document.querySelectorAll('script[type="application/ld+json"]') as ArrayLike<DomElement>,
        (s) => s.textContent ?? '',
      ),
      timeDatePublished: Array.from(
        document.querySelectorAll('time[itemprop="datePublished"]') as ArrayLike<DomElement>,
        (t) => t.getAttribute('datetime') ?? '',
      ),
    });
    const pageTitle = (document.title?.trim() as string) || null;
    // With an identity serializer Readability returns the article's root node.
    const article = new Readability(document, {
      serializer: (node: unknown) => node,
      charThreshold: 100,
    }).parse();
    let text = article?.content ? blocksToText(article.content) : '';
    if (!text.trim() && document.body) text = blocksToText(document.body);
    return {
      text,
      title: article?.title?.trim() || pageTitle,
      siteName: declared.source ?? (article?.siteName?.trim() || null),
      byline: declared.author ?? cleanByline(article?.byline),
      publishedTime: declared.date ?? (article?.publishedTime?.trim() || null),
    };
  } finally {
    dom.window.close();
  }
}

/** A text item of pdf.js's `getTextContent()`: its string, transform matrix `[a, b, c, d, x, y]` and width. */
interface PdfTextItem {
  str?: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** A gap between two items of one line wider than this many type sizes separates cells (menu items, table columns). */
const CELL_GAP = 1;

/**
 * Groups pdf.js's text items into lines with their positions: items on one
 * baseline join (a space where they are apart, a tab where they are far
 * apart), and an item after an end-of-line mark starts a new line.
 */
function linesOf(items: PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let line: PdfLine | null = null;
  let lineEnded = false;
  for (const item of items) {
    if (typeof item.str !== 'string') continue; // marked-content markers
    if (item.str) {
      const x = item.transform[4];
      const y = item.transform[5];
      const size = item.height || Math.hypot(item.transform[2], item.transform[3]);
      if (line && !lineEnded && Math.abs(line.baseline - y) < size / 2) {
        const gap = x - line.right;
        const apart = gap > 0.15 * size && !/\s$/.test(line.text) && !/^\s/.test(item.str);
        line.text += gap > CELL_GAP * size ? '\t' : apart ? ' ' : '';
        line.text += item.str;
        line.left = Math.min(line.left, x);
        line.right = Math.max(line.right, x + item.width);
      } else {
        line = { text: item.str, left: x, right: x + item.width, baseline: y, size };
        lines.push(line);
      }
      lineEnded = false;
    }
    if (item.hasEOL) lineEnded = true;
  }
  return lines;
}

/**
 * Extracts the text layer of a PDF as paragraphs (`pdf-text.ts`), with the
 * title and outlet its metadata declares. The lines and their positions come
 * from pdf.js's `getTextContent()` on the document pdf-parse opened, since
 * pdf-parse's own text drops the positions that show where paragraphs end.
 * @param data - the PDF's bytes
 */
export async function pdfToText(data: Uint8Array): Promise<PdfText> {
  const { PDFParse } = load('pdf-parse');
  const parser = new PDFParse({ data });
  try {
    const doc = await parser.load();
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(linesOf((await page.getTextContent()).items as PdfTextItem[]));
      page.cleanup();
    }
    const info = await parser.getInfo();
    const xmp = info.metadata ? Object.fromEntries(info.metadata as Iterable<[string, unknown]>) : null;
    return {
      text: pdfPagesToText(pages, isEnglishWord),
      ...pdfMetadata({ info: (info.info ?? null) as Record<string, unknown> | null, xmp }),
    };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */
}

/** The title in a .docx's core properties (`docProps/core.xml`, Dublin Core `dc:title`, ECMA-376 Part 2 §11). */
function coreTitle(buffer: Buffer, maxUnpackedBytes: number): string | null {
  const xml = readZipEntry(buffer, 'docProps/core.xml', maxUnpackedBytes);
  if (!xml) return null;
  /* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
  const { JSDOM } = load('jsdom');
  const dom = new JSDOM(xml.toString('utf8'), { contentType: 'application/xml' });
  try {
    const title = dom.window.document.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'title')[0];
    return documentTitle(title?.textContent as string | undefined);
  } catch {
    return null; // Unreadable properties leave the text readable.
  } finally {
    dom.window.close();
  }
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
}

/**
 * Extracts the text and title of a Word document. Every entry is first inflated under
 * a byte counter, whatever sizes the zip declares, so mammoth only ever sees
 * a document whose real unpacked size is within the limit.
 * @param data - the .docx bytes
 * @param maxUnpackedBytes - the most the entries may really inflate to, together
 */
export async function docxToText(data: Uint8Array, maxUnpackedBytes: number): Promise<DocxText> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  checkZipInflation(buffer, maxUnpackedBytes);
  // Loaded on first use, like jsdom and pdf-parse: an analysis worker never needs it (~200 ms, ~20 MB).
  const mammoth = load('mammoth') as typeof import('mammoth');
  const result = await mammoth.extractRawText({ buffer });
  return { text: result.value.replace(/\n{3,}/g, '\n\n').trim(), title: coreTitle(buffer, maxUnpackedBytes) };
}
