/**
 * Text extraction from HTML, PDF and .docx, run as jobs of the worker pool
 * (`batch/pool.ts`), never on the calling thread: a hostile document costs
 * at most one job's time budget and one worker's memory cap, and other
 * jobs wait for a fresh worker instead of failing. The extractors
 * themselves are in `extractors.ts`.
 */
import { closeSharedPool, sharedPool, type JobPool } from '../batch/pool';
import type { DocxText, HtmlText, PdfText } from './extractors';

export type { DocxText, HtmlText, PdfText };

/**
 * Extracts the main text of an HTML page, paragraphs separated by blank lines.
 * @param html - the page's markup; parsed, never executed
 * @param pool - the pool to run in; the process's shared pool by default
 */
export function extractHtml(html: string, pool: JobPool = sharedPool()): Promise<HtmlText> {
  return pool.run({ kind: 'html', html });
}

/**
 * Extracts the text layer of a PDF as paragraphs, with its title and outlet.
 * @param data - the PDF's bytes
 * @param pool - the pool to run in; the process's shared pool by default
 */
export function extractPdf(data: Buffer, pool: JobPool = sharedPool()): Promise<PdfText> {
  const copy = new Uint8Array(data);
  return pool.run({ kind: 'pdf', data: copy }, [copy.buffer]);
}

/**
 * Extracts the text and title of a Word document, inflating it under a byte counter.
 * @param data - the .docx bytes
 * @param maxUnpackedBytes - the most its entries may really unpack to
 * @param pool - the pool to run in; the process's shared pool by default
 */
export function extractDocx(
  data: Buffer,
  maxUnpackedBytes: number,
  pool: JobPool = sharedPool(),
): Promise<DocxText> {
  const copy = new Uint8Array(data);
  return pool.run({ kind: 'docx', data: copy, maxUnpackedBytes }, [copy.buffer]);
}

/** Stops the shared pool's workers (end of a CLI run, tests). */
export function closeExtractor(): Promise<void> {
  return closeSharedPool();
}
