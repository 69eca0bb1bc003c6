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
import mammoth from 'mammoth';
import { checkZipInflation } from './zip';

export interface HtmlText {
  text: string;
  title: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
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
    const meta = (selector: string): string | null =>
      (document.querySelector(selector)?.getAttribute('content')?.trim() as string | undefined) || null;
    const fallback = {
      site: meta('meta[property="og:site_name"]'),
      title: (document.title?.trim() as string) || null,
      time: meta('meta[property="article:published_time"]'),
    };
    // With an identity serializer Readability returns the article's root node.
    const article = new Readability(document, {
      serializer: (node: unknown) => node,
      charThreshold: 100,
    }).parse();
    let text = article?.content ? blocksToText(article.content) : '';
    if (!text.trim() && document.body) text = blocksToText(document.body);
    return {
      text,
      title: article?.title?.trim() || fallback.title,
      siteName: article?.siteName?.trim() || fallback.site,
      byline: article?.byline?.trim() || null,
      publishedTime: article?.publishedTime?.trim() || fallback.time,
    };
  } finally {
    dom.window.close();
  }
}

/**
 * Extracts the text layer of a PDF.
 * @param data - the PDF's bytes
 */
export async function pdfToText(data: Uint8Array): Promise<string> {
  const { PDFParse } = load('pdf-parse');
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return String(result.text)
      .replace(/[ \t]+\n/g, '\n')
      .trim();
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */
}

/**
 * Extracts the text of a Word document. Every entry is first inflated under
 * a byte counter, whatever sizes the zip declares, so mammoth only ever sees
 * a document whose real unpacked size is within the limit.
 * @param data - the .docx bytes
 * @param maxUnpackedBytes - the most the entries may really inflate to, together
 */
export async function docxToText(data: Uint8Array, maxUnpackedBytes: number): Promise<string> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  checkZipInflation(buffer, maxUnpackedBytes);
  const result = await mammoth.extractRawText({ buffer });
  return result.value.replace(/\n{3,}/g, '\n\n').trim();
}
