/**
 * Text extraction from HTML (Mozilla Readability, the Firefox Reader View
 * algorithm, on jsdom) and PDF (pdf-parse), run in a worker thread:
 * - hostile or huge documents cannot block the server, and a job that runs
 *   too long is stopped by terminating the worker;
 * - jsdom 29 and pdf.js load ESM-only code, which Node 20.19+ handles through
 *   require(esm) but Jest's module sandbox does not; the worker is plain Node.
 * Scripts in uploaded HTML are never run (jsdom's default).
 */
import { Worker } from 'node:worker_threads';

export interface HtmlText {
  text: string;
  title: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
}

type JobInput = { kind: 'html'; html: string } | { kind: 'pdf'; data: Uint8Array };
type Job = JobInput & { id: number };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * The worker's program. Self-contained: it is sent to the worker as source
 * text, so it may use only its own code and the modules named in workerData.
 */
function workerMain() {
  // The worker runs source text with untyped requires (jsdom, Readability, pdf-parse), so its values are `any`.
  /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return */
  const { parentPort, workerData } = require('node:worker_threads');
  const { JSDOM } = require(workerData.jsdom);
  const { Readability } = require(workerData.readability);
  const BLOCK = new Set(
    'P DIV SECTION ARTICLE MAIN HEADER FOOTER ASIDE BLOCKQUOTE PRE UL OL LI DL DT DD TABLE TR H1 H2 H3 H4 H5 H6 FIGURE FIGCAPTION HR ADDRESS'.split(
      ' ',
    ),
  );
  const SKIP = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT SVG NAV FORM BUTTON SELECT'.split(' '));

  // Text with a paragraph break at every block boundary and a line break at <br>.
  function blocksToText(root: {
    nodeType: number;
    nodeName: string;
    textContent: string | null;
    childNodes: ArrayLike<unknown>;
  }): string {
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
    const walk = (node: typeof root) => {
      if (node.nodeType === 3) {
        current += (node.textContent ?? '').replace(/\s+/g, ' ');
        return;
      }
      if (node.nodeType !== 1) return;
      const name = node.nodeName.toUpperCase();
      if (SKIP.has(name)) return;
      if (name === 'BR') {
        current += '\n';
        return;
      }
      const block = BLOCK.has(name);
      if (block) flush();
      for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i] as typeof root);
      if (block) flush();
    };
    walk(root);
    flush();
    return parts.join('\n\n');
  }

  function html(source: string) {
    const dom = new JSDOM(source, { contentType: 'text/html' });
    const document = dom.window.document;
    try {
      const meta = (selector: string) =>
        document.querySelector(selector)?.getAttribute('content')?.trim() || null;
      const fallback = {
        site: meta('meta[property="og:site_name"]'),
        title: document.title?.trim() || null,
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

  async function pdf(data: Uint8Array) {
    const { PDFParse } = require(workerData.pdfParse);
    const parser = new PDFParse({ data });
    try {
      const result = await parser.getText({ pageJoiner: '' });
      return String(result.text)
        .replace(/[ \t]+\n/g, '\n')
        .trim();
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  }

  parentPort.on('message', async (job: Job) => {
    try {
      const result = job.kind === 'html' ? html(job.html) : await pdf(job.data);
      parentPort.postMessage({ id: job.id, ok: true, result });
    } catch (err) {
      parentPort.postMessage({
        id: job.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  });
  /* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return */
}

/** How long one document may take before the worker is stopped. */
const JOB_TIMEOUT_MS = 30_000;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
>();

function failAll(error: Error) {
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(error);
    pending.delete(id);
  }
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(`(${workerMain.toString()})()`, {
    eval: true,
    workerData: {
      jsdom: require.resolve('jsdom'),
      readability: require.resolve('@mozilla/readability'),
      pdfParse: require.resolve('pdf-parse'),
    },
  });
  w.unref();
  w.on('message', (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    clearTimeout(job.timer);
    if (reply.ok) job.resolve(reply.result);
    else job.reject(new Error(reply.error));
  });
  w.on('error', (err) => {
    if (worker === w) worker = null;
    failAll(err);
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('the extraction worker stopped'));
  });
  worker = w;
  return w;
}

function run<T>(job: JobInput, transfer?: ArrayBuffer[]): Promise<T> {
  const w = getWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`took longer than ${JOB_TIMEOUT_MS / 1000} s`));
      // A runaway document: stop the worker; the next job starts a fresh one.
      if (worker === w) worker = null;
      void w.terminate();
    }, JOB_TIMEOUT_MS);
    timer.unref();
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
    w.postMessage({ ...job, id }, transfer ?? []);
  });
}

/**
 * Extracts the main text of an HTML page, paragraphs separated by blank lines.
 * @param html - the page's markup; parsed, never executed
 */
export function extractHtml(html: string): Promise<HtmlText> {
  return run<HtmlText>({ kind: 'html', html });
}

/**
 * Extracts the text layer of a PDF.
 * @param data - the PDF's bytes
 */
export function extractPdf(data: Buffer): Promise<string> {
  const copy = new Uint8Array(data);
  return run<string>({ kind: 'pdf', data: copy }, [copy.buffer]);
}

/** Stops the worker (tests and shutdown). */
export async function closeExtractor(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
