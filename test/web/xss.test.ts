/**
 * Issue 6, point 2: a corpus of script-injection payloads placed in every
 * user-controlled field (comparison title, article text, source, title,
 * date, url and author, file names, pasted text, the note, citation and
 * alternatives of an uploaded lexicon and its file name, the search box)
 * and looked for in every page, error page and report. Pages are parsed with
 * a real HTML parser: nothing in them may run, and every payload must show
 * as the literal text the user typed.
 */
import request from 'supertest';
import { closeExtractor } from '../../src/ingest/extract';
import { formClient, makeApp, type TestApp } from './helpers';
import { XSS_PAYLOADS } from './xss/payloads';
import { scanHtml, type ScannedDoc } from './xss/scan';

let t: TestApp;
/** Every HTML page and report fetched, with what it must show as text. */
const pages: (ScannedDoc & { mustShow: string[]; csp: string | undefined })[] = [];
const reports: { payload: string; md: string; csv: string; json: request.Response; pdf: request.Response }[] =
  [];
const errors: { payload: string; api: request.Response; page: request.Response }[] = [];

/** A payload as a file name: a path separator would start a new name, a line break would end the header. */
const asFileName = (p: string) => p.replace(/[\\/\r\n]/g, '');
/** The text a browser shows for the payload: HTML parsing turns CR LF into LF. */
const shown = (p: string) => p.replace(/\r\n?/g, '\n');
const oneLine = (p: string) => p.replace(/[\r\n]+/g, ' ');

async function get(url: string, mustShow: string[] = []) {
  const res = await request(t.app).get(url).expect(200).expect('Content-Type', /html/);
  pages.push({ name: url, html: res.text, mustShow, csp: res.headers['content-security-policy'] });
  return res;
}

beforeAll(async () => {
  t = await makeApp({ FRAMELENS_RATE_LIMIT: '100000', FRAMELENS_READ_RATE_LIMIT: '1000000' });
  const form = await formClient(t.app);
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const id = (await request(t.app).post('/api/comparisons').send({ title: p }).expect(201)).body
      .id as string;
    const line = oneLine(p);
    const file = [
      `source: ${line}`,
      `title: ${line}`,
      `date: ${line}`,
      `url: ${line}`,
      `author: ${line}`,
      '',
      `Officials in Kiev said ${p} the "regime" staged a coup and had broken the ceasefire.`,
      '',
    ].join('\n');
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(file), { filename: `${asFileName(p)}.txt`, contentType: 'text/plain' })
      .expect(201);
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({
        text: `The so-called ${p} in Kyiv said the "talks" failed and the separatists had broken the ceasefire.`,
        source: p,
        title: p,
      })
      .expect(201);
    const lexicon = {
      kind: 'loaded-terms',
      entries: [
        {
          id: `xss-${i}`,
          patterns: ['broken the ceasefire'],
          category: 'emotive-intensifier',
          domain: 'conflict',
          alternatives: [p],
          note: p,
          citation: p,
        },
      ],
    };
    await form
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .attach('lexicon', Buffer.from(JSON.stringify(lexicon)), `${asFileName(p)}.json`)
      .expect(201);

    const [a, b] = await t.store.listArticles(id);
    await get(`/comparisons/${id}`, [p, oneLine(p).trim()]);
    await get(`/comparisons/${id}/articles/${a.id}`, [p, oneLine(p).trim()]);
    await get(`/comparisons/${id}/articles/${b.id}`, [p]);
    await get(`/comparisons/${id}/lexicons`, [p, `${asFileName(p)}.json`]);
    await get(`/?q=${encodeURIComponent(p)}`, [p]);
    await get(`/comparisons/${id}/report.html`, [p]);

    const api = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from('x'), `${asFileName(p)}.xyz`)
      .expect(415);
    const page = await form
      .post(`/comparisons/${id}/articles`)
      .attach('files', Buffer.from('x'), `${asFileName(p)}.xyz`)
      .expect(415);
    pages.push({
      name: `error page for ${asFileName(p)}.xyz`,
      html: page.text,
      mustShow: [`${asFileName(p)}.xyz: unsupported file type`],
      csp: page.headers['content-security-policy'],
    });
    const missing = await request(t.app)
      .get(`/comparisons/${encodeURIComponent(p)}`)
      .expect(404);
    pages.push({
      name: `404 for ${p}`,
      html: missing.text,
      mustShow: [],
      csp: missing.headers['content-security-policy'],
    });
    errors.push({ payload: p, api, page });

    reports.push({
      payload: p,
      md: (
        await request(t.app)
          .get(`/comparisons/${id}/report.md`)
          .expect(200)
          .expect('Content-Type', 'text/markdown; charset=utf-8')
      ).text,
      csv: (
        await request(t.app)
          .get(`/comparisons/${id}/report.csv`)
          .expect(200)
          .expect('Content-Type', 'text/csv; charset=utf-8')
      ).text,
      json: await request(t.app)
        .get(`/comparisons/${id}/report.json`)
        .expect(200)
        .expect('Content-Type', 'application/json; charset=utf-8'),
      pdf: await request(t.app)
        .get(`/comparisons/${id}/report.pdf`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
        .expect('Content-Type', 'application/pdf'),
    });
  }
  await get('/', XSS_PAYLOADS);
  await get('/lexicons');
}, 120_000);
afterAll(async () => {
  await t.close();
  await closeExtractor();
});

function binaryBody(res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
  (res as unknown as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(chunks)));
}

/** RFC 4180 cells, so the formula check looks at cell values, not at the quoting. */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  const re = /(?:^|,|\r\n)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/g;
  for (let m = re.exec(csv); m && m[0] !== ''; m = re.exec(csv))
    cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return cells;
}

describe('the XSS corpus', () => {
  it('has at least 50 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });
});

describe('the scanner', () => {
  it('finds the payloads when they are inserted unescaped, so a clean result means something', async () => {
    const raw = await scanHtml(
      XSS_PAYLOADS.map((p) => ({
        name: p,
        html: `<!doctype html><title>t</title><p title="${p}">${p}</p><a href='${p}'>x</a>`,
      })),
    );
    const caught = raw.filter((r) => r.problems.length).map((r) => r.name);
    const inert = XSS_PAYLOADS.filter((p) => !caught.includes(p));
    // Only payloads that stay inert even unescaped go unseen: filter-evasion tricks that need a
    // stripping filter, a backtick breakout that needs an unquoted attribute or an old IE, a
    // mutation that needs re-serialisation, entities, templates and spreadsheet formulas.
    expect(inert).toEqual([
      '<scr<script>ipt>alert(1)</scr</script>ipt>',
      '` onmouseover=alert(1) `',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '&#60;script&#62;alert(1)&#60;/script&#62;',
      '%3Cscript%3Ealert(1)%3C/script%3E',
      '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
      '＜script＞alert(1)＜/script＞',
      '<%= 7*7 %>',
      '{{constructor.constructor("alert(1)")()}}',
      '${alert(1)}',
      '=HYPERLINK("http://evil.example","click")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '=1+1\r\n=2+2',
    ]);
  });
});

describe('pages and error pages', () => {
  it('contain nothing that could run (parsed as a browser parses them)', async () => {
    const scanned = await scanHtml(pages);
    expect(scanned.length).toBe(XSS_PAYLOADS.length * 8 + 2);
    expect(
      scanned.filter((s) => s.problems.length).map((s) => `${s.name}: ${s.problems.join(', ')}`),
    ).toEqual([]);
  });

  it('show every payload as the literal text the user typed', async () => {
    const scanned = await scanHtml(pages);
    const missing = scanned.flatMap((s, i) =>
      pages[i].mustShow
        .filter((m) => !s.text.includes(shown(m)))
        .map((m) => `${s.name} lacks ${JSON.stringify(m)}`),
    );
    expect(missing).toEqual([]);
  });

  it('are served with a strict Content-Security-Policy: scripts only from this server, nothing inline', () => {
    const bad = pages.filter((p) => {
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(p.csp ?? '')?.[1];
      return (
        scriptSrc !== "'self'" ||
        !/default-src 'self'/.test(p.csp ?? '') ||
        !/object-src 'none'/.test(p.csp ?? '') ||
        !/base-uri 'none'/.test(p.csp ?? '')
      );
    });
    expect(bad.map((p) => `${p.name}: ${p.csp}`)).toEqual([]);
  });

  it('answer API errors as JSON that names the file as plain data', () => {
    for (const { payload, api } of errors) {
      expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.body.error.details[0].file).toBe(`${asFileName(payload)}.xyz`);
    }
  });
});

describe('reports', () => {
  it('JSON is served as application/json and keeps every payload as a plain string', () => {
    for (const { payload, json } of reports) {
      expect(json.headers['x-content-type-options']).toBe('nosniff');
      expect(json.headers['content-disposition']).toMatch(
        /^attachment; filename="?framelens-[a-z0-9-]*\.json"?$/,
      );
      const body = json.body as { articles: { source: string; title: string; text?: string }[] };
      expect(body.articles.map((a) => a.source)).toEqual([oneLine(payload).trim(), payload]);
    }
  });

  it('Markdown escapes every payload: no raw HTML, no links', () => {
    const leaks = reports.flatMap(({ payload, md }) => {
      const found: string[] = [];
      if (/(?<!\\)<[A-Za-z!/?%]/.test(md))
        found.push(`raw HTML: ${/(?<!\\)<[A-Za-z!/?%][^\n]{0,40}/.exec(md)![0]}`);
      if (/\]\(\s*(?:javascript|data|vbscript):/i.test(md)) found.push('a javascript: link');
      return found.map((f) => `${JSON.stringify(payload)}: ${f}`);
    });
    expect(leaks).toEqual([]);
  });

  it('CSV has no cell a spreadsheet would run as a formula (=, +, -, @, tab, CR)', () => {
    const formulas = reports.flatMap(({ payload, csv }) =>
      csvCells(csv)
        .filter((c) => /^[=+\-@\t\r]/.test(c))
        .map((c) => `${JSON.stringify(payload)}: ${JSON.stringify(c)}`),
    );
    expect(formulas).toEqual([]);
    // The payload is still there, defused with a leading apostrophe.
    const formula = reports.find((r) => r.payload.startsWith('=HYPERLINK'))!;
    expect(csvCells(formula.csv)).toContain(`'${formula.payload}`);
  });

  it('PDF is a download with no script, launch or open action', () => {
    for (const { pdf } of reports) {
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=/);
      const raw = (pdf.body as Buffer).toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw).not.toMatch(/\/(?:JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData|RichMedia)\b/);
    }
  });
});
