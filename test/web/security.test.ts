import request from 'supertest';
import { makeApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '<iframe src="javascript:alert(1)">', '=HYPERLINK("http://evil")'];

describe('escaping user text', () => {
  it('never puts a payload from a title, source, file name or article text into a page unescaped', async () => {
    for (const payload of PAYLOADS) {
      const id = (await request(t.app).post('/api/comparisons').send({ title: payload }).expect(201)).body.id;
      await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .field('source', payload)
        .field('title', payload)
        .attach('files', Buffer.from(`Officials in Kiev said ${payload} the "regime" staged a coup.`), { filename: `${payload.replace(/[/\\]/g, '')}.txt`, contentType: 'text/plain' })
        .expect(201);
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: `The so-called ${payload} in Kyiv said so.`, source: payload }).expect(201);
      const pages = [`/`, `/?q=${encodeURIComponent(payload)}`, `/comparisons/${id}`, `/comparisons/${id}/report.html`];
      const articleId = t.store.listArticles(id)[0]!.id;
      pages.push(`/comparisons/${id}/articles/${articleId}`);
      for (const url of pages) {
        const res = await request(t.app).get(url).expect(200);
        expect({ url, leaked: res.text.includes(payload) && /[<>"']/.test(payload) }).toEqual({ url, leaked: false });
        expect(res.text).not.toMatch(/<script>alert|<(img|svg|iframe)\b[^>]*(onerror|onload|javascript)/i);
      }
      const csv = await request(t.app).get(`/comparisons/${id}/report.csv`).expect(200);
      expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
    }
  });
});
