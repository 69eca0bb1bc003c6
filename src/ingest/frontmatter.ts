/**
 * Splits an article's metadata from its body. Pure: works on the text only.
 * Recognised forms: a YAML block between `---` lines; leading `key: value`
 * lines up to the first blank line; and the seed's one-line form
 * ` date 2021-04-10 Russia has not…` (the word `date`, a date, then the text).
 */

export interface FrontMatter {
  source: string | null;
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  /** Any other keys, as strings. */
  extra: Record<string, string>;
  /** Offset of the body in the text. */
  bodyStart: number;
}

const KNOWN = ['source', 'title', 'date', 'url', 'author'] as const;
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]{0,30})[ \t]*:[ \t]*(.*)$/;

function normalizeDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** A front-matter value as text: scalars as written, dates as ISO days, anything else as JSON. */
function scalarText(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function fromRecord(record: Record<string, unknown>, bodyStart: number): FrontMatter {
  const fm: FrontMatter = {
    source: null,
    title: null,
    date: null,
    url: null,
    author: null,
    extra: {},
    bodyStart,
  };
  for (const [rawKey, value] of Object.entries(record)) {
    const key = rawKey.toLowerCase();
    if (key === 'date') fm.date = normalizeDate(value);
    else if ((KNOWN as readonly string[]).includes(key)) {
      const s = value === null || value === undefined ? '' : scalarText(value).trim();
      (fm as unknown as Record<string, string | null>)[key] = s === '' ? null : s;
    } else if (value !== null && value !== undefined) fm.extra[key] = scalarText(value);
  }
  return fm;
}

/**
 * Reads the front matter of an article text.
 * @param text - the whole file text; offsets in the result point into it
 */
export function parseFrontMatter(text: string): FrontMatter {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // YAML block.
  const yamlBlock = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(bom));
  if (yamlBlock) {
    try {
      // The YAML reader (~45 ms to load) only for a file that has a YAML block.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parse: parseYaml } = require('yaml') as typeof import('yaml');
      const data: unknown = parseYaml(yamlBlock[1]);
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        return fromRecord(data as Record<string, unknown>, bom + yamlBlock[0].length);
      }
    } catch {
      // Not YAML after all: treat it as text.
    }
  }
  // key: value lines up to the first blank line, starting with a known key.
  const lines: { key: string; value: string }[] = [];
  let offset = bom;
  let ok = false;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    if (line.trim() === '') {
      ok = lines.length > 0;
      offset = nl < 0 ? text.length : nl + 1;
      break;
    }
    const m = KEY_LINE.exec(line);
    if (!m || (lines.length === 0 && !(KNOWN as readonly string[]).includes(m[1].toLowerCase()))) break;
    lines.push({ key: m[1], value: m[2] });
    offset = nl < 0 ? text.length : nl + 1;
  }
  if (ok) {
    while (offset < text.length && /\s/.test(text[offset])) offset++;
    const record: Record<string, unknown> = {};
    for (const { key, value } of lines) record[key] = value;
    return fromRecord(record, offset);
  }
  // The seed's form: " date 2021-04-10 Russia has not…".
  const seed = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/i.exec(text.slice(bom));
  if (seed) return fromRecord({ date: seed[1] }, bom + seed[0].length);
  let start = bom;
  while (start < text.length && /\s/.test(text[start])) start++;
  return { source: null, title: null, date: null, url: null, author: null, extra: {}, bodyStart: start };
}
