/**
 * The web app on PostgreSQL (FRAMELENS_DATABASE_URL), on a schema of its own
 * on the test server: uploads, dismissals, corrections and deletion as on
 * SQLite; two instances on one database see each other's writes; a backup
 * moves a database from SQLite to PostgreSQL unchanged.
 */
import request from 'supertest';
import { exportAll, importAll } from '../../src/store';
import { countRows, freshPostgres, type TestDatabase } from '../helpers/databases';
import { binaryParser, KYIV_LEDGER, makeApp, MOSCOW_HERALD, reopenApp, type TestApp } from './helpers';

let database: TestDatabase;
let t: TestApp;
beforeEach(async () => {
  database = await freshPostgres('web');
  t = await makeApp({ FRAMELENS_DATABASE_URL: database.location });
});
afterEach(async () => {
  await t.close();
  await database.drop();
});

/** A comparison with the two test articles, through the API. */
async function donbas(app: TestApp['app']): Promise<string> {
  const id = (await request(app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  await request(app)
    .post(`/api/comparisons/${id}/articles`)
    .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv.txt')
    .attach('files', Buffer.from(MOSCOW_HERALD), 'moscow.txt')
    .expect(201);
  return id as string;
}

describe('the app on PostgreSQL', () => {
  it('stores, analyses, dismisses, corrects and deletes as on SQLite', async () => {
    expect(t.store.engine).toBe('postgres');
    const id = await donbas(t.app);
    const report = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
    const [ledger, herald] = report.articles;
    const coup = herald.hits.find((h: { entry: string }) => h.entry === 'coup');
    expect(herald.text.slice(coup.start, coup.end)).toBe('coup');
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ articleId: herald.id, kind: coup.lexicon, entry: 'coup', start: coup.start, end: coup.end })
      .expect(201);
    const after = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
    expect(after.articles[1].hits.map((h: { entry: string }) => h.entry)).not.toContain('coup');
    const original = await request(t.app)
      .get(`/comparisons/${id}/articles/${ledger.id}/original`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect((original.body as Buffer).toString()).toBe(KYIV_LEDGER);

    const corrected = await request(t.app)
      .put(`/api/comparisons/${id}/articles/${herald.id}/text`)
      .send({
        text: 'The Kiev regime, which came to power in a coup, is shelling civilians in Donbass, the ministry said.\n\nThe militia did not answer.\n',
      })
      .expect(200);
    expect(corrected.body.dismissals.kept).toHaveLength(1);
    expect((await request(t.app).get('/api/comparisons?q=DONBAS').expect(200)).body.comparisons).toHaveLength(
      1,
    );

    await request(t.app).delete(`/api/comparisons/${id}`).expect(204);
    for (const table of ['articles', 'original_files', 'dismissals', 'analysis_cache'] as const)
      expect(await countRows(t.store, table)).toBe(0);
  });

  it('shows one instance what another wrote, at the next request', async () => {
    const other = await reopenApp(t, { FRAMELENS_DATABASE_URL: database.location });
    try {
      const id = await donbas(t.app);
      const first = (await request(other.app).get(`/api/comparisons/${id}`).expect(200)).body;
      expect(first.articles).toHaveLength(2);
      await request(t.app)
        .patch(`/api/comparisons/${id}/articles/${first.articles[0].id}`)
        .send({ source: 'Kyiv Daily' })
        .expect(200);
      const second = (await request(other.app).get(`/api/comparisons/${id}`).expect(200)).body;
      expect(second.articles[0].source).toBe('Kyiv Daily');
    } finally {
      await other.close();
    }
  });

  it('takes a backup of an SQLite database whole, and gives it back the same', async () => {
    const sqlite = await makeApp();
    try {
      const id = await donbas(sqlite.app);
      const backup = await exportAll(sqlite.store);
      expect(await importAll(t.store, backup)).toEqual({ imported: 1, replaced: 0, skipped: 0 });
      const strip = (b: typeof backup) => ({ ...b, exportedAt: '' });
      expect(strip(await exportAll(t.store))).toEqual(strip(backup));
      const bytes = (app: TestApp['app']) => request(app).get(`/api/comparisons/${id}`).expect(200);
      expect((await bytes(t.app)).text).toBe((await bytes(sqlite.app)).text);
    } finally {
      await sqlite.close();
    }
  });
});
