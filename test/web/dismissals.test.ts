import request from 'supertest';
import { formClient, KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

let t: TestApp;
let id: string;
let herald: {
  id: string;
  hits: { lexicon: string; entry: string; start: number; end: number }[];
  scareQuotes: unknown[];
};
let ledger: { id: string; scareQuotes: { text: string; start: number; end: number }[] };
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: MOSCOW_HERALD }).expect(201);
  const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
  [ledger, herald] = api.body.articles;
});
afterEach(() => t.close());

const flag = (entry: string) => {
  const h = herald.hits.find((x) => x.entry === entry)!;
  return { articleId: herald.id, kind: h.lexicon, entry: h.entry, start: h.start, end: h.end };
};

describe('POST /api/comparisons/:id/dismissals', () => {
  it('removes the flag from the analysis and keeps it with the comparison', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send(flag('regime'))
      .expect(201);
    expect(res.body.dismissal).toMatchObject({ ...flag('regime'), text: 'regime', id: expect.any(String) });
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(api.body.articles[1].hits.some((h: { entry: string }) => h.entry === 'regime')).toBe(false);
    expect(api.body.dismissed).toHaveLength(1);
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toMatch(
      /id="dismissed"[\s\S]*<bdi>Moscow Herald<\/bdi>: loaded-terms “<bdi>regime<\/bdi>”/,
    );
  });

  it('dismisses a naming variant and the naming counts follow', async () => {
    const kiev = herald.hits.filter((h) => h.entry === 'kiev');
    for (const h of kiev)
      await request(t.app)
        .post(`/api/comparisons/${id}/dismissals`)
        .send({ articleId: herald.id, kind: h.lexicon, entry: h.entry, start: h.start, end: h.end })
        .expect(201);
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(
      api.body.articles[1].naming.find((n: { variant: string }) => n.variant === 'kiev'),
    ).toBeUndefined();
  });

  it('dismisses a scare quote', async () => {
    const q = ledger.scareQuotes[0];
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ articleId: ledger.id, kind: 'scare-quotes', entry: q.text, start: q.start, end: q.end })
      .expect(201);
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(api.body.articles[0].scareQuotes).toEqual([]);
  });

  it('is idempotent', async () => {
    const a = await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(flag('coup')).expect(201);
    const b = await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(flag('coup')).expect(201);
    expect(b.body.dismissal.id).toBe(a.body.dismissal.id);
  });

  it('answers 422 for a flag that does not exist, 400 for a malformed one, 404 for an unknown article', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...flag('coup'), start: 0, end: 3 })
      .expect(422);
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...flag('coup'), start: 'x' })
      .expect(400);
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...flag('coup'), end: 0 })
      .expect(400);
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...flag('coup'), articleId: 'nope' })
      .expect(404);
    await request(t.app).post('/api/comparisons/nope/dismissals').send(flag('coup')).expect(404);
  });
});

describe('DELETE /api/comparisons/:id/dismissals/:dismissalId', () => {
  it('restores the flag (204), then 404', async () => {
    const d = (await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(flag('coup')).expect(201))
      .body.dismissal;
    await request(t.app).delete(`/api/comparisons/${id}/dismissals/${d.id}`).expect(204);
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(api.body.articles[1].hits.some((h: { entry: string }) => h.entry === 'coup')).toBe(true);
    await request(t.app).delete(`/api/comparisons/${id}/dismissals/${d.id}`).expect(404);
  });
});

describe('dismissal forms', () => {
  it('dismisses from the page and restores', async () => {
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/dismissals`)
      .type('form')
      .send(flag('coup'))
      .expect(303)
      .expect('Location', `/comparisons/${id}#article-${herald.id}`);
    const [d] = await t.store.listDismissals(id);
    await (await formClient(t.app)).post(`/comparisons/${id}/dismissals/${d.id}/delete`).expect(303);
    expect(await t.store.listDismissals(id)).toEqual([]);
    await (await formClient(t.app)).post(`/comparisons/${id}/dismissals/${d.id}/delete`).expect(404);
  });
});
