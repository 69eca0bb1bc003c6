/**
 * The one ingest module shared by the CLI and the web app: turns a file (or
 * pasted text) into an {@link ArticleInput}. The type is decided by the bytes
 * as well as the extension, so a renamed PDF is read as a PDF and a binary
 * file called `.txt` is refused. Every failure is an {@link IngestError} whose
 * message names the file and the problem.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JobFailedError, JobLimitError, type JobPool } from '../batch/pool';
import type { ArticleInput } from '../core/types';
import { articleFromText, baseName, capLabel, MAX_SOURCE_CHARS, MAX_TITLE_CHARS } from './article';
import { parseTypedDate } from './dates';
import { extractDocx, extractHtml, extractPdf, type DocxText } from './extract';
import { inspectZip } from './zip';

/** An upload or file that cannot become an article; `status` is the HTTP status the web app answers with. */
export class IngestError extends Error {
  constructor(
    /** 415 for an unsupported type, 422 for content that cannot be analysed, 413 for too large. */
    readonly status: 413 | 415 | 422,
    /** The file name as the user gave it. */
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IngestError';
  }
}

export type ArticleFormat = 'text' | 'html' | 'docx' | 'pdf';

/** File extensions framelens reads, by format. */
export const SUPPORTED_EXTENSIONS: Record<string, ArticleFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};
const SUPPORTED_LIST = '.txt, .md, .html, .htm, .docx, .pdf';

/** Real unpacked size above which a .docx is treated as a zip bomb (counted while inflating, never read from the zip's headers). */
const MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024;

/** Limits on what one file may become; defaults that a real news article never meets. */
export interface TextLimits {
  /** Characters of text after extraction (a long feature is ~60,000). */
  maxTextChars: number;
  /** Non-empty lines of text after extraction (a long feature has a few hundred). */
  maxParagraphs: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { maxTextChars: 1_000_000, maxParagraphs: 10_000 };

/** How a file is read: the pool that runs extraction, and the limits on its text. */
export interface DecodeOptions {
  pool?: JobPool;
  limits?: TextLimits;
}

/** Signatures of common binary files, so the error can say what the file is. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Word/Office (.doc) file' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF file' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
  { bytes: [0x4d, 0x5a], what: 'a Windows executable' },
];

const startsWith = (buf: Buffer, bytes: number[]) =>
  buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
const isPdf = (buf: Buffer) => startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
const isZip = (buf: Buffer) => startsWith(buf, [0x50, 0x4b, 0x03, 0x04]);
const looksLikeHtml = (text: string) =>
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(
    text.slice(0, 2048),
  );

/** Decodes bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuses binary and invalid UTF-8. */
export function decodeText(file: string, buffer: Buffer): string {
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) return decodeUtf16(file, buffer);
  const nul = buffer.indexOf(0);
  if (nul >= 0)
    throw new IngestError(
      422,
      file,
      `binary content (a NUL byte at offset ${nul}); framelens reads text articles (${SUPPORTED_LIST})`,
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new IngestError(
      422,
      file,
      `not valid UTF-8 text (byte offset ${firstInvalidUtf8(buffer)}); save the file as UTF-8 and upload it again`,
    );
  }
}

/**
 * Decodes UTF-16 after its byte-order mark, with the same refusals as UTF-8:
 * an odd byte count, an unpaired surrogate, a NUL or another control
 * character that text never holds means the bytes are not text.
 */
function decodeUtf16(file: string, buffer: Buffer): string {
  const body = Buffer.from(buffer.subarray(2));
  if (body.length % 2) throw new IngestError(422, file, 'not valid UTF-16 text (an odd number of bytes)');
  if (buffer[0] === 0xfe) body.swap16();
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
  } catch {
    throw new IngestError(422, file, 'not valid UTF-16 text (an unpaired surrogate)');
  }
  // Tab, line feed, form feed and carriage return are the only C0 controls in text.
  // eslint-disable-next-line no-control-regex
  const control = text.search(/[\u0000-\u0008\u000b\u000e-\u001f\ufffe\uffff]/);
  if (control >= 0)
    throw new IngestError(
      422,
      file,
      `binary content (a control character at offset ${2 + 2 * control}); framelens reads text articles (${SUPPORTED_LIST})`,
    );
  return text;
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const n =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

function requireText(file: string, text: string, what: string): string {
  if (!text.trim()) throw new IngestError(422, file, what);
  return text;
}

/** Runs an extraction job, turning its failure into an IngestError that names the file and, when one was passed, the limit. */
async function extracting<T>(file: string, what: string, job: () => Promise<T>): Promise<T> {
  try {
    return await job();
  } catch (err) {
    if (err instanceof JobLimitError) throw new IngestError(422, file, `${err.message}; refused`);
    if (err instanceof JobFailedError && err.kind === 'ZipError')
      throw new IngestError(422, file, `the .docx: ${err.message}`);
    throw new IngestError(422, file, `cannot read the ${what}: ${(err as Error).message}`);
  }
}

/**
 * Refuses text beyond the limits before it is analysed.
 * @param file - the file name, for the message
 * @param text - the extracted or decoded text
 * @param limits - the limits on characters and paragraphs
 */
export function checkTextLimits(file: string, text: string, limits: TextLimits): void {
  if (text.length > limits.maxTextChars)
    throw new IngestError(
      422,
      file,
      `${text.length.toLocaleString('en')} characters of text, more than the limit of ${limits.maxTextChars.toLocaleString('en')} per article`,
    );
  let lines = 0;
  for (let i = 0; i < text.length;) {
    const next = text.indexOf('\n', i);
    const end = next < 0 ? text.length : next;
    if (/\S/.test(text.slice(i, Math.min(end, i + 256)))) lines++;
    i = end + 1;
  }
  if (lines > limits.maxParagraphs)
    throw new IngestError(
      422,
      file,
      `${lines.toLocaleString('en')} paragraphs, more than the limit of ${limits.maxParagraphs.toLocaleString('en')} per article`,
    );
}

function docxToText(file: string, buffer: Buffer, pool?: JobPool): Promise<DocxText> {
  const entries = inspectZip(buffer);
  if (!entries) throw new IngestError(422, file, 'a damaged .docx: its zip directory cannot be read');
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new IngestError(
      415,
      file,
      'a zip archive but not a Word document (.docx); framelens reads ' + SUPPORTED_LIST,
    );
  }
  // The declared sizes are only a first check; the worker counts the bytes it really inflates.
  const total = entries.reduce((a, e) => a + e.uncompressedSize, 0);
  if (total > MAX_DOCX_UNCOMPRESSED) {
    throw new IngestError(
      422,
      file,
      `the .docx unpacks to ${Math.round(total / 1048576)} MB (more than ${MAX_DOCX_UNCOMPRESSED / 1048576} MB); refusing a possible zip bomb`,
    );
  }
  return extracting(file, '.docx', () => extractDocx(buffer, MAX_DOCX_UNCOMPRESSED, pool));
}

/**
 * A declared publication date as framelens stores it: the day of an ISO
 * timestamp as the publisher wrote it (its own time zone), or a date in one
 * of the layouts people type; null for anything else.
 */
export function declaredDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value);
  return iso ? iso[1] : parseTypedDate(value);
}

/** Applies metadata found in the document itself where the text's own front matter has none. */
function withMetadata(
  article: ArticleInput,
  meta: { title?: string | null; source?: string | null; author?: string | null; date?: string | null },
): ArticleInput {
  const fallbackSource = article.source === article.id;
  return {
    ...article,
    source: fallbackSource && meta.source ? capLabel(meta.source, MAX_SOURCE_CHARS) : article.source,
    title: article.title ?? (meta.title ? capLabel(meta.title, MAX_TITLE_CHARS) : null),
    author: article.author ?? meta.author ?? null,
    date: article.date ?? declaredDate(meta.date),
  };
}

export interface Upload {
  /** The file name as the client sent it. */
  originalname: string;
  buffer: Buffer;
  mimetype?: string;
}

/** Decides a file's format from its bytes, extension and declared media type. */
export function detectFormat(upload: Upload): ArticleFormat {
  const { originalname: file, buffer } = upload;
  const ext = path.extname(file).toLowerCase();
  const byExt = SUPPORTED_EXTENSIONS[ext];
  if (isPdf(buffer)) return 'pdf';
  if (isZip(buffer)) return 'docx';
  if (byExt === 'pdf') throw new IngestError(415, file, 'named .pdf but is not a PDF (no %PDF- header)');
  if (byExt === 'docx')
    throw new IngestError(415, file, 'named .docx but is not a Word document (not a zip archive)');
  const magic = MAGIC.find((m) => startsWith(buffer, m.bytes));
  if (magic)
    throw new IngestError(415, file, `${magic.what}, not an article; framelens reads ${SUPPORTED_LIST}`);
  if (ext && !byExt && !/^text\//.test(upload.mimetype ?? '')) {
    throw new IngestError(415, file, `unsupported file type '${ext}'; framelens reads ${SUPPORTED_LIST}`);
  }
  if (byExt === 'html' || /html/.test(upload.mimetype ?? '')) return 'html';
  return 'text';
}

/**
 * Turns an uploaded file into an article. HTML, PDF and .docx are extracted
 * in the worker pool; the text is refused beyond the limits.
 * @param upload - the file name, its bytes and the media type the client declared
 * @param options - the pool to extract in (the shared one by default) and the text limits
 */
export async function decodeUpload(upload: Upload, options: DecodeOptions = {}): Promise<ArticleInput> {
  const { originalname: file, buffer } = upload;
  const { pool, limits = DEFAULT_TEXT_LIMITS } = options;
  if (buffer.length === 0) throw new IngestError(422, file, 'the file is empty');
  const format = detectFormat(upload);
  if (format === 'pdf') {
    const pdf = await extracting(file, 'PDF', () => extractPdf(buffer, pool));
    requireText(file, pdf.text, 'the PDF has no text layer (a scanned image?); nothing to analyse');
    checkTextLimits(file, pdf.text, limits);
    return withMetadata(articleFromText(file, pdf.text), pdf);
  }
  if (format === 'docx') {
    const docx = await docxToText(file, buffer, pool);
    requireText(file, docx.text, 'the Word document has no text');
    checkTextLimits(file, docx.text, limits);
    return withMetadata(articleFromText(file, docx.text), docx);
  }
  const decoded = decodeText(file, buffer);
  requireText(file, decoded, 'the file contains only white space');
  if (format === 'html' || looksLikeHtml(decoded)) {
    const page = await extracting(file, 'HTML', () => extractHtml(decoded, pool));
    requireText(file, page.text, 'the HTML page has no main text to analyse');
    checkTextLimits(file, page.text, limits);
    return withMetadata(articleFromText(file, page.text), {
      title: page.title,
      source: page.siteName,
      author: page.byline,
      date: page.publishedTime,
    });
  }
  checkTextLimits(file, decoded, limits);
  const article = articleFromText(file, decoded);
  if (!decoded.slice(article.bodyStart ?? 0).trim())
    throw new IngestError(422, file, 'the file has front matter but no article text');
  return article;
}

/**
 * Reads an article file from disk (the CLI's entry point).
 * @param filePath - path to a .txt, .md, .html, .docx or .pdf file
 */
export async function readArticleFile(filePath: string, options: DecodeOptions = {}): Promise<ArticleInput> {
  let buffer: Buffer;
  try {
    buffer = await readFile(filePath);
  } catch (err) {
    throw new IngestError(
      422,
      filePath,
      `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const article = await decodeUpload({ originalname: filePath, buffer }, options);
  return { ...article, id: baseName(filePath) };
}

export interface PastedArticle {
  text: unknown;
  source?: unknown;
  title?: unknown;
  date?: unknown;
}

/**
 * Turns pasted text plus the metadata typed next to it into an article.
 * Front matter in the text is honoured; typed metadata wins over it.
 * @param pasted - the JSON body or form fields: text, source, title, date
 * @param label - how the error messages name the paste
 */
export function articleFromPaste(
  pasted: PastedArticle,
  label = 'pasted text',
  limits: TextLimits = DEFAULT_TEXT_LIMITS,
): ArticleInput {
  if (typeof pasted.text !== 'string')
    throw new IngestError(422, label, "expected a string field 'text' with the article");
  const text = pasted.text;
  if (text.includes('\u0000')) throw new IngestError(422, label, 'binary content (NUL characters)');
  checkTextLimits(label, text, limits);
  const source = typeof pasted.source === 'string' && pasted.source.trim() ? pasted.source.trim() : null;
  const article = articleFromText(source ?? 'pasted', text);
  if (!text.slice(article.bodyStart ?? 0).trim()) throw new IngestError(422, label, 'the text is empty');
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return {
    ...article,
    source: source ?? (article.source === 'pasted' ? 'Pasted text' : article.source),
    title: str(pasted.title) ?? article.title,
    date: str(pasted.date) ?? article.date,
  };
}
