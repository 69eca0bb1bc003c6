/**
 * Upload handling shared by the API and the form: multer with memory storage
 * and the configured limits, then every file decoded and analysed before
 * anything is stored, so a batch is all-or-nothing.
 */
import type { Request, RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import type { Config } from '../config';
import { JobFailedError, JobLimitError, type JobPool, type LexiconSpec } from '../batch/pool';
import type { ArticleAnalysis, ArticleInput } from '../core/types';
import { articleFromPaste, decodeUpload, IngestError, type TextLimits } from '../ingest/read';
import { newArticleFrom, type NewArticle } from '../store';
import { formatBytes, HttpError, type ErrorDetail } from './errors';
import { optionalDate, optionalString } from './validate';

/**
 * Memory storage that remembers which file hit the size limit, so the 413
 * names it (multer's own error names only the field).
 */
function namingMemoryStorage(): multer.StorageEngine {
  const memory = multer.memoryStorage();
  return {
    _handleFile(req, file, cb) {
      file.stream.once('limit', () =>
        (tooLarge.get(req) ?? tooLarge.set(req, []).get(req)!).push(file.originalname),
      );
      memory._handleFile(req, file, cb);
    },
    _removeFile: (req, file, cb) => memory._removeFile(req, file, cb),
  };
}
const tooLarge = new WeakMap<Request, string[]>();

/**
 * Wraps a multer middleware with the request-size limit, enforced while the
 * body streams in: a declared Content-Length over the limit is refused before
 * anything is read, and the bytes actually received are counted as they
 * arrive, so a chunked request (which declares no length) is stopped as soon
 * as it passes the limit, not after it has been read whole.
 */
function limitedUpload(config: Config, upload: RequestHandler): RequestHandler {
  const limit = formatBytes(config.maxRequestBytes);
  return (req, res, next) => {
    let done = false;
    const once = (err?: unknown) => {
      if (done) return;
      done = true;
      next(err);
    };
    const refuse = (message: string) => {
      // Close the connection rather than read a body we refuse.
      res.set('Connection', 'close');
      res.once('finish', () => req.destroy());
      once(new HttpError(413, message));
    };
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > config.maxRequestBytes)
      return refuse(`the upload is ${formatBytes(declared)}, more than the limit of ${limit} per request`);
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= config.maxRequestBytes) return;
      req.off('data', count);
      req.unpipe();
      if (done) req.destroy();
      else refuse(`the upload is more than the limit of ${limit} per request; it was stopped there`);
    };
    req.on('data', count);
    upload(req, res, (err?: unknown) => {
      req.off('data', count);
      // Already answered: the body was stopped at the request limit.
      if (done) return;
      if (err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE') {
        const names = tooLarge.get(req) ?? [];
        const message = `${names[0] ?? 'a file'}: larger than the limit of ${formatBytes(config.maxFileBytes)} per file`;
        // Multer drains the rest of the body; stop reading it once the answer is sent.
        res.set('Connection', 'close');
        return once(
          new HttpError(413, message, [{ file: names[0], field: err.field, status: 413, message }]),
        );
      }
      if (err) {
        res.set('Connection', 'close');
        return once(err);
      }
      once();
    });
  };
}

/** Multer for article batches (field `files`) with the configured limits. */
export function articleUpload(config: Config): RequestHandler {
  const upload = multer({
    storage: namingMemoryStorage(),
    // Browsers send file names as raw UTF-8; busboy's default would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: {
      fileSize: config.maxFileBytes,
      files: config.maxFiles,
      fields: 50,
      fieldSize: config.maxFileBytes,
      parts: config.maxFiles + 50,
    },
  }).array('files', config.maxFiles);
  return limitedUpload(config, upload);
}

/** Multer for a single lexicon file (field `lexicon`). */
export function lexiconUpload(config: Config): RequestHandler {
  return limitedUpload(
    config,
    multer({
      storage: namingMemoryStorage(),
      defParamCharset: 'utf8',
      limits: { fileSize: config.maxFileBytes, files: 1, fields: 10 },
    }).single('lexicon'),
  );
}

/** A field that may repeat (one value per file) or be given once for all files. */
function perFile(body: Record<string, unknown>, name: string, index: number): unknown {
  const v = body[name];
  return Array.isArray(v) ? v[index] : v;
}

const NO_LABEL = { source: null, title: null, date: null } as const;

function labelFor(body: Record<string, unknown>, index: number) {
  const one = {
    source: perFile(body, 'source', index),
    title: perFile(body, 'title', index),
    date: perFile(body, 'date', index),
  };
  return {
    source: optionalString(one, 'source', 200) ?? null,
    title: optionalString(one, 'title', 500) ?? null,
    date: optionalDate(one, 'date') ?? null,
  };
}

export interface DecodedArticle {
  input: ArticleInput;
  analysis: ArticleAnalysis;
  record: NewArticle;
}

/** How a batch is extracted and analysed: in the worker pool, with the comparison's lexicons, within the text limits. */
export interface BatchWork {
  pool: JobPool;
  lexicons: LexiconSpec;
  limits: TextLimits;
}

/**
 * Analyses one article in the pool. A job over its time or memory limit, or
 * one the analyzer fails on, becomes a 422 for that file, never a 500.
 * @param name - how messages name the article (its file name)
 * @param input - the article
 * @param work - the pool and the comparison's lexicons
 */
export async function analyzeInPool(
  name: string,
  input: ArticleInput,
  work: Pick<BatchWork, 'pool' | 'lexicons'>,
): Promise<ArticleAnalysis> {
  try {
    return JSON.parse(
      await work.pool.run({ kind: 'analyze', article: input, lexicons: work.lexicons }),
    ) as ArticleAnalysis;
  } catch (err) {
    if (err instanceof JobLimitError) throw new IngestError(422, name, `${err.message}; refused`);
    if (err instanceof JobFailedError)
      throw new IngestError(422, name, `the analysis failed: ${err.message}`);
    throw err;
  }
}

/**
 * Reads the articles of an upload request: multipart `files` with optional
 * `source`, `title`, `date` fields, or a JSON/form body `{text, source, title, date}`.
 * Extraction and analysis run in the worker pool. Throws one HttpError
 * listing every rejected file; nothing is returned unless all are good.
 * @param req - the request after multer and the body parsers
 * @param work - the pool, the comparison's lexicons and the text limits
 */
export async function decodeArticleBatch(req: Request, work: BatchWork): Promise<DecodedArticle[]> {
  const files = (req.files as Express.Multer.File[] | undefined) ?? [];
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const hasText = typeof body.text === 'string' && body.text.trim() !== '';
  if (!files.length && !hasText) {
    if (
      !req.is('multipart/form-data') &&
      !req.is('application/json') &&
      !req.is('application/x-www-form-urlencoded')
    ) {
      throw new HttpError(
        415,
        'send the articles as multipart/form-data (field "files") or as JSON {text, source, title, date}',
      );
    }
    if (typeof body.text === 'string')
      throw new HttpError(422, 'pasted text: the text is empty', [
        { file: 'pasted text', status: 422, message: 'the text is empty' },
      ]);
    throw new HttpError(400, "no articles in the request: attach files in the field 'files' or send 'text'");
  }

  const items: {
    input?: ArticleInput;
    error?: ErrorDetail;
    name: string;
    buffer?: Buffer;
    mimetype?: string | null;
  }[] = [];
  if (files.length) {
    const settled = await Promise.allSettled(
      files.map((f) =>
        decodeUpload(
          { originalname: f.originalname, buffer: f.buffer, mimetype: f.mimetype },
          { pool: work.pool, limits: work.limits },
        ),
      ),
    );
    settled.forEach((s, i) => {
      const f = files[i];
      if (s.status === 'fulfilled') {
        // With pasted text in the same request, the single source/title/date fields describe the
        // paste (they sit under its text box); each file keeps the metadata it carries.
        const label = hasText ? NO_LABEL : labelFor(body, i);
        const input = {
          ...s.value,
          source: label.source ?? s.value.source,
          title: label.title ?? s.value.title,
          date: label.date ?? s.value.date,
        };
        items.push({ input, name: f.originalname, buffer: f.buffer, mimetype: f.mimetype });
      } else {
        const err: unknown = s.reason;
        if (!(err instanceof IngestError)) throw err;
        items.push({
          name: f.originalname,
          error: { file: f.originalname, status: err.status, message: err.message },
        });
      }
    });
  }
  if (hasText) {
    try {
      const label = labelFor(body, 0);
      items.push({
        input: articleFromPaste(
          {
            text: body.text,
            source: label.source,
            title: label.title,
            date: label.date,
          },
          'pasted text',
          work.limits,
        ),
        name: 'pasted text',
      });
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      items.push({
        name: 'pasted text',
        error: { file: 'pasted text', status: err.status, message: err.message },
      });
    }
  }

  const analysed = await Promise.allSettled(
    items.map((item) =>
      item.input && !item.error ? analyzeInPool(item.name, item.input, work) : Promise.resolve(null),
    ),
  );
  const decoded: DecodedArticle[] = [];
  for (const [i, item] of items.entries()) {
    if (item.error || !item.input) continue;
    const settled = analysed[i];
    if (settled.status === 'rejected') {
      const err: unknown = settled.reason;
      if (!(err instanceof IngestError)) throw err;
      item.error = { file: item.name, status: err.status, message: err.message };
      continue;
    }
    const analysis = settled.value!;
    if (analysis.diagnostics.some((d) => d.code === 'empty-text')) {
      item.error = { file: item.name, status: 422, message: `${item.name}: no words to analyse` };
      continue;
    }
    const a = item.input;
    decoded.push({
      input: a,
      analysis,
      record: newArticleFrom(
        a,
        item.buffer
          ? { fileName: item.name, mediaType: item.mimetype ?? null, content: item.buffer }
          : undefined,
      ),
    });
  }

  const errors = items.map((i) => i.error).filter((e): e is ErrorDetail => !!e);
  if (errors.length) {
    const statuses = new Set(errors.map((e) => e.status));
    const status = statuses.size === 1 ? errors[0].status! : 422;
    const message =
      items.length === 1
        ? errors[0].message
        : `${errors.length} of ${items.length} files could not be read; nothing from this upload was stored. ${errors.map((e) => e.message).join('; ')}`;
    throw new HttpError(status, message, errors);
  }
  return decoded;
}
