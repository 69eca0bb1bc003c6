/**
 * The one error path of the web app: controllers throw an {@link HttpError}
 * (Express 5 forwards rejected promises), unknown routes fall through to
 * {@link notFound}, and {@link handleErrors} answers JSON on the API and the
 * error page everywhere else.
 */
import type { NextFunction, Request, Response } from 'express';
import { MulterError } from 'multer';
import { IngestError } from '../ingest/read';
import { LexiconError } from '../lexicon/parse';

/** One problem of a request, e.g. one rejected file of a batch. */
export interface ErrorDetail {
  file?: string;
  field?: string;
  status?: number;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const wantsJson = (req: Request) => req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';

/** The catch-all for routes nobody handles. */
export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `No page or API route at ${req.method} ${req.path}`));
}

const MULTER_MESSAGES: Partial<
  Record<MulterError['code'], [number, (limits: UploadLimits, field?: string) => string]>
> = {
  LIMIT_FILE_SIZE: [413, (l) => `a file is larger than the limit of ${formatBytes(l.maxFileBytes)}`],
  LIMIT_FILE_COUNT: [413, (l) => `too many files: at most ${l.maxFiles} per upload`],
  LIMIT_FIELD_VALUE: [413, (l) => `a form field is larger than the limit of ${formatBytes(l.maxFileBytes)}`],
  LIMIT_PART_COUNT: [413, () => 'too many parts in the upload'],
  LIMIT_FIELD_COUNT: [413, () => 'too many form fields'],
  LIMIT_UNEXPECTED_FILE: [
    400,
    (_l, field) => `unexpected file field '${field ?? ''}'; send the articles in the field 'files'`,
  ],
};

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

export function formatBytes(n: number): string {
  return n >= 1048576 ? `${Math.round((n / 1048576) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Turns any thrown value into an HttpError; unexpected errors become a 500 whose details stay in the log. */
export function toHttpError(err: unknown, limits: UploadLimits): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof IngestError)
    return new HttpError(err.status, err.message, [
      { file: err.file, status: err.status, message: err.message },
    ]);
  if (err instanceof LexiconError)
    return new HttpError(422, err.message.replace(/^framelens lexicon: /, ''), [
      { file: err.file, field: err.entry, message: err.message },
    ]);
  if (err instanceof MulterError) {
    const known = MULTER_MESSAGES[err.code];
    if (known) {
      const message = known[1](limits, err.field);
      return new HttpError(known[0], message, [{ field: err.field, message }]);
    }
    return new HttpError(400, `malformed upload: ${err.message}`);
  }
  const e = err as {
    status?: number;
    statusCode?: number;
    type?: string;
    message?: string;
    expose?: boolean;
  };
  const status = e?.status ?? e?.statusCode;
  if (status === 413 || e?.type === 'entity.too.large')
    return new HttpError(413, `the request is larger than the limit of ${formatBytes(limits.maxFileBytes)}`);
  if (e?.type === 'entity.parse.failed') return new HttpError(400, `malformed JSON body: ${e.message}`);
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new HttpError(status, e.expose !== false && e.message ? e.message : 'bad request');
  if (
    typeof e?.message === 'string' &&
    /^Malformed part header|^Unexpected end of form|^Multipart: Boundary not found/.test(e.message)
  ) {
    return new HttpError(400, `malformed upload: ${e.message}`);
  }
  return new HttpError(500, 'Something went wrong on the server; the error was logged.');
}

/**
 * The four-argument error handler.
 * @param limits - upload limits, so messages state them
 * @param log - where unexpected errors go
 */
export function handleErrors(
  limits: UploadLimits,
  log: (err: unknown) => void = (err) => console.error(err),
) {
  // Express recognises an error handler by its four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const httpError = toHttpError(err, limits);
    if (httpError.status >= 500) log(err);
    res.status(httpError.status);
    if (res.headersSent) return void res.end();
    if (wantsJson(req)) {
      res.json({ error: { message: httpError.message, details: httpError.details } });
    } else {
      res.render('error', {
        title: `Error ${httpError.status}`,
        status: httpError.status,
        message: httpError.message,
        details: httpError.details,
      });
    }
  };
}
