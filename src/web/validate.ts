/**
 * Input checks for the controllers: each returns clean values or throws a
 * 400 {@link HttpError} naming the field and what was expected.
 */
import { DATE_FORMATS_HINT, parseTypedDate } from '../ingest/dates';
import { HttpError } from './errors';
import { DISMISSAL_PARTS, type DismissalPart } from '../store';

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

/** An optional string field: trimmed, empty becomes null. */
export function optionalString(body: unknown, name: string, max: number): string | null | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'string')
    throw new HttpError(400, `field '${name}' must be a string`, [
      { field: name, message: `expected a string, found ${Array.isArray(v) ? 'a list' : typeof v}` },
    ]);
  const s = v.trim();
  if (s.length > max)
    throw new HttpError(400, `field '${name}' is longer than ${max} characters`, [
      { field: name, message: `at most ${max} characters` },
    ]);
  return s === '' ? null : s;
}

/** An optional date as people type it, returned as YYYY, YYYY-MM or YYYY-MM-DD. */
export function optionalDate(body: unknown, name: string): string | null | undefined {
  const s = optionalString(body, name, 40);
  if (!s) return s;
  const iso = parseTypedDate(s);
  if (!iso)
    throw new HttpError(400, `field '${name}' must be a date such as ${DATE_FORMATS_HINT}`, [
      { field: name, message: `found ${JSON.stringify(s)}` },
    ]);
  return iso;
}

export function requireBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'expected a JSON object or form fields in the request body');
  return body as Record<string, unknown>;
}

/** `{title, eventDate?}` for a new comparison. */
export function parseNewComparison(body: unknown): { title: string; eventDate: string | null } {
  const b = requireBody(body);
  const title = optionalString(b, 'title', 200);
  if (!title)
    throw new HttpError(400, "field 'title' is required", [
      { field: 'title', message: 'give the comparison a title, e.g. the event' },
    ]);
  return { title, eventDate: optionalDate(b, 'eventDate') ?? optionalDate(b, 'event_date') ?? null };
}

/** `{source?, title?, date?}` to re-label an article; at least one field. */
export function parseArticlePatch(body: unknown): {
  source?: string;
  title?: string | null;
  date?: string | null;
} {
  const b = requireBody(body);
  const patch: { source?: string; title?: string | null; date?: string | null } = {};
  const source = optionalString(b, 'source', 200);
  if (source === null)
    throw new HttpError(400, "field 'source' must not be empty", [
      { field: 'source', message: 'name the outlet' },
    ]);
  if (source !== undefined) patch.source = source;
  const title = optionalString(b, 'title', 500);
  if (title !== undefined) patch.title = title;
  const date = optionalDate(b, 'date');
  if (date !== undefined) patch.date = date;
  if (!Object.keys(patch).length)
    throw new HttpError(400, "nothing to change: send 'source', 'title' or 'date'");
  return patch;
}

/** A flag to dismiss: the article, the part it lies in (body by default) and the flag's kind, entry and offsets. */
export function parseDismissal(body: unknown): {
  articleId: string;
  part: DismissalPart;
  kind: string;
  entry: string;
  start: number;
  end: number;
} {
  const b = requireBody(body);
  const str = (name: string) => {
    const v = optionalString(b, name, 200);
    if (!v) throw new HttpError(400, `field '${name}' is required`, [{ field: name, message: 'required' }]);
    return v;
  };
  const int = (name: string) => {
    const v = field(b, name);
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new HttpError(400, `field '${name}' must be a whole number`, [
        { field: name, message: `found ${JSON.stringify(v)}` },
      ]);
    return n;
  };
  const part = optionalString(b, 'part', 20) ?? 'body';
  if (!DISMISSAL_PARTS.includes(part as DismissalPart))
    throw new HttpError(400, `field 'part' must be ${DISMISSAL_PARTS.map((p) => `'${p}'`).join(' or ')}`, [
      { field: 'part', message: `found ${JSON.stringify(part)}` },
    ]);
  const d = {
    articleId: str('articleId'),
    part: part as DismissalPart,
    kind: str('kind'),
    entry: str('entry'),
    start: int('start'),
    end: int('end'),
  };
  if (d.end <= d.start) throw new HttpError(400, "field 'end' must be greater than 'start'");
  return d;
}

/** `{title?, eventDate?}` to rename a comparison or change its event date; at least one field. */
export function parseComparisonPatch(body: unknown): { title?: string; eventDate?: string | null } {
  const b = requireBody(body);
  const patch: { title?: string; eventDate?: string | null } = {};
  const title = optionalString(b, 'title', 200);
  if (title === null)
    throw new HttpError(400, "field 'title' must not be empty", [
      { field: 'title', message: 'give the comparison a title, e.g. the event' },
    ]);
  if (title !== undefined) patch.title = title;
  const eventDate = optionalDate(b, 'eventDate');
  if (eventDate !== undefined) patch.eventDate = eventDate;
  if (!Object.keys(patch).length) throw new HttpError(400, "nothing to change: send 'title' or 'eventDate'");
  return patch;
}

/** `{text}`: an article's corrected body. Line ends as a browser's form sends them (CRLF) become LF. */
export function parseArticleText(body: unknown): string {
  const v = field(requireBody(body), 'text');
  if (typeof v !== 'string')
    throw new HttpError(400, "field 'text' must be a string", [
      { field: 'text', message: 'the corrected text of the article' },
    ]);
  const text = v.replace(/\r\n?/g, '\n');
  if (!text.trim())
    throw new HttpError(400, "field 'text' must not be empty", [
      { field: 'text', message: 'to remove the article, delete it instead' },
    ]);
  return text;
}
