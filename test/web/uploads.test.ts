/**
 * Issue 6, point 1: every bad upload is answered with the right status and a
 * message naming the file and the problem, in the API (JSON) and in the UI
 * (the error page after a form post), and nothing of a rejected batch is stored.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { closeExtractor } from '../../src/ingest/extract';
import { makeDocx, makePdf, makeZip } from '../fixtures/files/make';
import { formClient, KYIV_LEDGER, makeApp, type TestApp } from './helpers';
import { countRows } from '../helpers/databases';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp({
    FRAMELENS_MAX_FILE_MB: '0.05',
    FRAMELENS_MAX_FILES: '3',
    FRAMELENS_MAX_REQUEST_MB: '0.1',
  });
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Uploads' }).expect(201)).body.id;
});
afterEach(() => t.close());
afterAll(() => closeExtractor());

const countArticles = () => countRows(t.store, 'articles');

/** One hostile or broken file per row: name, bytes, expected status and message. */
const CASES: [string, number, () => Buffer | Promise<Buffer>, RegExp][] = [
  ['empty.txt', 422, () => Buffer.alloc(0), /^empty\.txt: the file is empty$/],
  ['blank.md', 422, () => Buffer.from(' \n\t \n'), /^blank\.md: the file contains only white space$/],
  [
    'binary.txt',
    422,
    () => Buffer.from([0x41, 0x00, 0x42, 0x43]),
    /^binary\.txt: binary content \(a NUL byte at offset 1\)/,
  ],
  [
    'latin1.txt',
    422,
    () => Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]),
    /^latin1\.txt: not valid UTF-8 text \(byte offset 3\)/,
  ],
  [
    'bomb.docx',
    422,
    () =>
      makeZip({
        '[Content_Types].xml': '<Types/>',
        'word/document.xml': Buffer.alloc(70 * 1024 * 1024, 0x20),
      }),
    /^bomb\.docx: the \.docx unpacks to 70 MB .*zip bomb/,
  ],
  [
    'fake.docx',
    415,
    () => Buffer.from('Officials said the talks failed.'),
    /^fake\.docx: named \.docx but is not a Word document \(not a zip archive\)$/,
  ],
  [
    'notes.docx',
    415,
    () => makeZip({ 'notes.txt': 'Officials said the talks failed.' }),
    /^notes\.docx: a zip archive but not a Word document/,
  ],
  ['scan.pdf', 422, () => makePdf([]), /^scan\.pdf: the PDF has no text layer/],
  [
    'fake.pdf',
    415,
    () => Buffer.from('Officials said the talks failed.'),
    /^fake\.pdf: named \.pdf but is not a PDF/,
  ],
  [
    'menu.html',
    422,
    () =>
      Buffer.from(
        '<html><head><script>alert(1)</script></head><body><nav><a href="/">Home</a></nav></body></html>',
      ),
    /^menu\.html: the HTML page has no main text to analyse$/,
  ],
  [
    'photo.png',
    415,
    () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    /^photo\.png: a PNG image, not an article/,
  ],
  ['sheet.xlsx', 415, () => Buffer.from('cells'), /^sheet\.xlsx: unsupported file type '\.xlsx'/],
  ['punctuation.txt', 422, () => Buffer.from('… — !!! ???'), /^punctuation\.txt: no words to analyse$/],
];

describe('rejected uploads, one file at a time', () => {
  it.each(CASES)(
    '%s: answers %i naming the file, in the API and the UI, and stores nothing',
    async (name, status, make, message) => {
      // The zip bomb deflates to about 70 KB, over this app's 51 KB file limit: it goes to an app with the default limits.
      const bytes = await make();
      const app = bytes.length > 50 * 1024 ? await makeApp({ FRAMELENS_MAX_FILES: '3' }) : t;
      const cid =
        app === t
          ? id
          : (await request(app.app).post('/api/comparisons').send({ title: 'Big' }).expect(201)).body.id;
      try {
        const api = await request(app.app)
          .post(`/api/comparisons/${cid}/articles`)
          .attach('files', bytes, name)
          .expect(status);
        expect(api.body.error.message).toMatch(message);
        expect(api.body.error.details).toEqual([expect.objectContaining({ file: name, status })]);
        const form = await formClient(app.app);
        const page = await form
          .post(`/comparisons/${cid}/articles`)
          .attach('files', bytes, name)
          .expect(status)
          .expect('Content-Type', /html/);
        const shown = /<p class="error-message">([^<]*)<\/p>/
          .exec(page.text)![1]
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        expect(shown).toMatch(message);
        expect(await countRows(app.store, 'articles')).toBe(0);
      } finally {
        if (app !== t) await app.close();
      }
    },
  );
});

describe('limits', () => {
  it('answers 413 naming the file over the per-file limit', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'ok.txt')
      .attach('files', Buffer.alloc(60 * 1024, 'a'), 'huge.txt')
      .expect(413);
    expect(res.body.error.message).toBe('huge.txt: larger than the limit of 51 KB per file');
    expect(await countArticles()).toBe(0);
  });

  it('answers 413 for more files than allowed in one request', async () => {
    let req = request(t.app).post(`/api/comparisons/${id}/articles`);
    for (let i = 0; i < 4; i++)
      req = req.attach('files', Buffer.from(`Officials said the talks failed ${i}.`), `a${i}.txt`);
    expect((await req.expect(413)).body.error.message).toBe('too many files: at most 3 per upload');
    expect(await countArticles()).toBe(0);
  });

  it('answers 413 for a request over FRAMELENS_MAX_REQUEST_MB before reading it', async () => {
    const file = (i: number) => Buffer.from(`Officials said the talks failed. ${'word '.repeat(8000)}${i}`);
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', file(1), 'one.txt')
      .attach('files', file(2), 'two.txt')
      .attach('files', file(3), 'three.txt')
      .expect(413);
    expect(res.body.error.message).toMatch(
      /^the upload is 11\d KB, more than the limit of 102 KB per request$/,
    );
    expect(await countArticles()).toBe(0);
  });

  it('counts a chunked request (no Content-Length) as it arrives', async () => {
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const boundary = 'framelensboundary';
      const part = (i: number) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="p${i}.txt"\r\nContent-Type: text/plain\r\n\r\nOfficials said the talks failed. ${'word '.repeat(8000)}\r\n`;
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: (server.address() as AddressInfo).port,
            method: 'POST',
            path: `/api/comparisons/${id}/articles`,
            headers: {
              'Content-Type': `multipart/form-data; boundary=${boundary}`,
              'Transfer-Encoding': 'chunked',
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, body: text }));
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 3; i++) req.write(part(i));
        req.end(`--${boundary}--\r\n`);
      });
      expect(status).toBe(413);
      expect(JSON.parse(body).error.message).toMatch(
        /^the upload is more than the limit of 102 KB per request; it was stopped there$/,
      );
      expect(await countArticles()).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('batches are all-or-nothing', () => {
  it('lists every file problem in the API and the UI and stores nothing', async () => {
    const batch = (req: request.Test) =>
      req
        .attach('files', Buffer.from(KYIV_LEDGER), 'good.txt')
        .attach('files', Buffer.from([0xc3, 0x28]), 'broken.txt')
        .attach('files', makeDocx([]), 'blank.docx');
    const api = await batch(request(t.app).post(`/api/comparisons/${id}/articles`)).expect(422);
    expect(api.body.error.message).toMatch(
      /^2 of 3 files could not be read; nothing from this upload was stored\. broken\.txt: not valid UTF-8 .*; blank\.docx: the Word document has no text$/,
    );
    expect(api.body.error.details.map((d: { file: string }) => d.file)).toEqual(['broken.txt', 'blank.docx']);
    const form = await formClient(t.app);
    const page = await batch(form.post(`/comparisons/${id}/articles`)).expect(422);
    expect(page.text).toMatch(
      /<ul class="error-details">\s*<li>broken\.txt: not valid UTF-8[^<]*<\/li><li>blank\.docx: the Word document has no text<\/li>/,
    );
    expect(await countArticles()).toBe(0);
  });

  it('answers 422 when the problems of a batch have different statuses', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'photo.png')
      .attach('files', Buffer.alloc(0), 'empty.txt')
      .expect(422);
    expect(
      res.body.error.details.map((d: { file: string; status: number }) => `${d.status} ${d.file}`),
    ).toEqual(['415 photo.png', '422 empty.txt']);
    expect(await countArticles()).toBe(0);
  });
});
