import request from 'supertest';
import { exportAll, importAll } from '../../src/store';
import { EXTRA_LEXICON, KYIV_LEDGER, makeApp, MOSCOW_HERALD, reopenApp, type TestApp } from './helpers';

/**
 * The comparison JSON and page are built once per comparison revision and
 * kept in memory: repeated requests get identical bodies, and every write to
 * the comparison shows up in the very next request.
 */
let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: MOSCOW_HERALD }).expect(201);
});
afterEach(() => t.close());

const hitsOf = (report: { articles: { hits: { entry: string }[] }[] }) =>
  report.articles.flatMap((a) => a.hits.map((h) => h.entry));
const getJson = () => request(t.app).get(`/api/comparisons/${id}`).expect(200);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('GET /api/comparisons/:id from the cache', () => {
  it('answers repeated requests with identical bodies and the same ETag', async () => {
    const first = await getJson();
    const second = await getJson();
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    await request(t.app).get(`/api/comparisons/${id}`).set('If-None-Match', first.headers.etag).expect(304);
  });

  it('shows a dismissal at once, and the flag again once it is restored', async () => {
    const before = await getJson();
    const herald = before.body.articles[1];
    const hit = herald.hits.find((h: { entry: string }) => h.entry === 'regime');
    const dismissal = (
      await request(t.app)
        .post(`/api/comparisons/${id}/dismissals`)
        .send({ articleId: herald.id, kind: hit.lexicon, entry: hit.entry, start: hit.start, end: hit.end })
        .expect(201)
    ).body.dismissal;
    const dismissed = await getJson();
    expect(dismissed.headers.etag).not.toBe(before.headers.etag);
    expect(dismissed.body.articles[1].hits.some((h: { entry: string }) => h.entry === 'regime')).toBe(false);
    expect(dismissed.body.dismissed.map((d: { entry: string }) => d.entry)).toEqual(['regime']);
    await request(t.app).get(`/api/comparisons/${id}`).set('If-None-Match', before.headers.etag).expect(200);

    await request(t.app).delete(`/api/comparisons/${id}/dismissals/${dismissal.id}`).expect(204);
    const restored = await getJson();
    expect(restored.body.articles[1].hits.some((h: { entry: string }) => h.entry === 'regime')).toBe(true);
    expect(restored.body.dismissed).toEqual([]);
  });

  it('shows an added, relabelled and removed article at once', async () => {
    expect((await getJson()).body.articles).toHaveLength(2);
    const added = (
      await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .send({ text: 'Officials said the talks failed.', source: 'Third Post' })
        .expect(201)
    ).body.articles[0];
    const three = await getJson();
    expect(three.body.articles.map((a: { source: string }) => a.source)).toEqual([
      'Kyiv Ledger',
      'Moscow Herald',
      'Third Post',
    ]);

    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${added.id}`)
      .send({ source: 'Fourth Estate' })
      .expect(200);
    expect((await getJson()).body.articles[2].source).toBe('Fourth Estate');

    await request(t.app).delete(`/api/comparisons/${id}/articles/${added.id}`).expect(204);
    expect((await getJson()).body.articles.map((a: { source: string }) => a.source)).toEqual([
      'Kyiv Ledger',
      'Moscow Herald',
    ]);
  });

  it('answers 404 once the comparison is deleted', async () => {
    await getJson();
    await request(t.app).delete(`/api/comparisons/${id}`).expect(204);
    await request(t.app).get(`/api/comparisons/${id}`).expect(404);
    await request(t.app).get(`/comparisons/${id}`).expect(404);
  });

  it('sees a write made by another process on the same database', async () => {
    const before = await getJson();
    // A second app on the same file stands in for another server process (or a CLI import).
    const other = await reopenApp(t);
    try {
      const herald = before.body.articles[1];
      const hit = herald.hits.find((h: { entry: string }) => h.entry === 'regime');
      await request(other.app)
        .post(`/api/comparisons/${id}/dismissals`)
        .send({ articleId: herald.id, kind: hit.lexicon, entry: hit.entry, start: hit.start, end: hit.end })
        .expect(201);
    } finally {
      await other.close();
    }
    const after = await getJson();
    expect(after.body.dismissed.map((d: { entry: string }) => d.entry)).toEqual(['regime']);
  });
});

describe('GET /comparisons/:id from the cache', () => {
  it('gives each request its own CSRF token in every form, around the same cached page', async () => {
    const a = await request(t.app)
      .get(`/comparisons/${id}`)
      .expect(200)
      .expect('Content-Type', 'text/html; charset=utf-8');
    const b = await request(t.app).get(`/comparisons/${id}`).expect(200);
    const tokenA = csrfOf(a.text)!;
    const tokenB = csrfOf(b.text)!;
    expect(tokenA).toBeTruthy();
    expect(tokenB).not.toBe(tokenA);
    // Every form carries the request's own token, and the pages differ only in it.
    expect(a.text.split(tokenA).length).toBeGreaterThan(3);
    expect(a.text).not.toContain(tokenB);
    expect(a.text.split(tokenA).join('TOKEN')).toBe(b.text.split(tokenB).join('TOKEN'));
    expect(a.text).not.toMatch(/csrf[0-9a-f]{48}/);
  });

  it('shows a dismissal on the page at once', async () => {
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toContain('None. Dismiss a flag');
    const herald = (await getJson()).body.articles[1];
    const hit = herald.hits.find((h: { entry: string }) => h.entry === 'regime');
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ articleId: herald.id, kind: hit.lexicon, entry: hit.entry, start: hit.start, end: hit.end })
      .expect(201);
    const after = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(after.text).toMatch(
      /id="dismissed"[\s\S]*<bdi>Moscow Herald<\/bdi>: loaded-terms “<bdi>regime<\/bdi>”/,
    );
  });

  it('applies and drops an extra lexicon at once, on the page and in the JSON', async () => {
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).not.toContain('extra lexicon');
    expect(hitsOf((await getJson()).body)).not.toContain('ceasefire-breach');
    await t.store.setComparisonLexicon(id, { fileName: 'extra.yaml', content: EXTRA_LEXICON });
    expect((await request(t.app).get(`/comparisons/${id}`).expect(200)).text).toContain(
      'extra lexicon <bdi>extra.yaml</bdi>',
    );
    expect(hitsOf((await getJson()).body)).toContain('ceasefire-breach');
    await t.store.setComparisonLexicon(id, null);
    expect((await request(t.app).get(`/comparisons/${id}`).expect(200)).text).not.toContain('extra lexicon');
    expect(hitsOf((await getJson()).body)).not.toContain('ceasefire-breach');
  });
});

describe('Store.getComparisonRevision', () => {
  it('moves on with every write and never repeats, even for a comparison replaced from a backup', async () => {
    const seen = [(await t.store.getComparisonRevision(id))!];
    const [article] = await t.store.listArticles(id);
    await t.store.updateArticle(id, article.id, { title: 'New title' });
    seen.push((await t.store.getComparisonRevision(id))!);
    await importAll(t.store, await exportAll(t.store), { replace: true });
    seen.push((await t.store.getComparisonRevision(id))!);
    expect(seen.every((r, i) => i === 0 || r > seen[i - 1])).toBe(true);
    expect(await t.store.getComparisonRevision('nope')).toBeUndefined();
  });
});
