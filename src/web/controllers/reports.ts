/** Report downloads: JSON, CSV, Markdown, standalone HTML and PDF, always as attachments. */
import type { Request, Response } from 'express';
import { renderCsv, renderHtml, renderJson, renderMarkdown } from '../../report';
import { param, requireBundle, type WebContext } from '../context';
import { HttpError } from '../errors';
import { renderPdf } from '../pdf';
import { withDismissed } from '../report-extras';

const TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof TYPES;

/** A file name from the comparison title: letters, digits and hyphens. */
export function reportFileName(title: string, format: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `framelens-${slug || 'comparison'}.${format}`;
}

export function reportControllers(ctx: WebContext) {
  return {
    async getReport(req: Request, res: Response) {
      const format = param(req.params.format) as Format;
      if (!(format in TYPES))
        throw new HttpError(404, `No report format '${format}'; choose json, csv, md, html or pdf`);
      const bundle = requireBundle(ctx, param(req.params.id));
      const { report, record } = bundle;
      let body: string | Buffer;
      if (format === 'pdf') body = await renderPdf(report, record);
      else {
        const render = { json: renderJson, csv: renderCsv, md: renderMarkdown, html: renderHtml }[format];
        body = withDismissed(format, render(report), report);
      }
      res.attachment(reportFileName(record.title, format)).type(TYPES[format]).send(body);
    },
  };
}
