/** Report downloads, always as attachments, in every format of the table (src/report/formats.ts), rendered in the worker pool. */
import type { Request, Response } from 'express';
import { FORMATS, FORMAT_NAMES, isFormatName } from '../../report';
import { param, requireComparison, type WebContext } from '../context';
import { HttpError } from '../errors';

/** A file name from the comparison title: letters, digits and hyphens. */
export function reportFileName(title: string, extension: string, suffix = ''): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `framelens-${slug || 'comparison'}${suffix}.${extension}`;
}

export function reportControllers(ctx: WebContext) {
  return {
    async getReport(req: Request, res: Response) {
      const name = param(req.params.format);
      if (!isFormatName(name))
        throw new HttpError(404, `No report format '${name}'; choose ${FORMAT_NAMES.join(', ')}`);
      const format = FORMATS[name];
      const record = await requireComparison(ctx, param(req.params.id));
      const body = await ctx.reports.get(record.id, name);
      res
        .attachment(reportFileName(record.title, format.extension, format.nameSuffix))
        .type(format.contentType)
        .send(body);
    },
  };
}
