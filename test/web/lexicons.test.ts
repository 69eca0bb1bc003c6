import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { EXTRA_LEXICON, formClient, KYIV_LEDGER, makeApp, type TestApp } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
});
afterEach(() => t.close());

const hitsOf = async () =>
  (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body.articles[0].hits.map(
    (h: { entry: string }) => h.entry,
  ) as string[];

describe('GET /lexicons', () => {
  it('lists every entry with its citation', async () => {
    const page = await request(t.app).get('/lexicons').expect(200);
    expect(page.text).toContain('id="kind-loaded-terms"');
    expect(page.text).toMatch(/<th scope="row">coup<\/th>[\s\S]*?<td>[^<]+<\/td>\s*<\/tr>/);
    expect(page.text).toContain('test fixture');
    expect(page.text).not.toContain('name="lexicon"');
  });

  it('shows the upload form on a comparison', async () => {
    const page = await request(t.app).get(`/comparisons/${id}/lexicons`).expect(200);
    expect(page.text).toContain('name="lexicon"');
    await request(t.app).get('/comparisons/nope/lexicons').expect(404);
  });
});

describe('POST /comparisons/:id/lexicons', () => {
  it('adds a valid lexicon for this comparison only and re-analyses', async () => {
    expect(await hitsOf()).not.toContain('ceasefire-breach');
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .attach('lexicon', Buffer.from(EXTRA_LEXICON), 'conflict-extra.yaml')
      .expect(303);
    expect(await hitsOf()).toContain('ceasefire-breach');
    const page = await request(t.app).get(`/comparisons/${id}/lexicons`).expect(200);
    expect(page.text).toContain('conflict-extra.yaml');
    expect(page.text).toContain('ceasefire-breach');
    // Other comparisons keep the shared lexicons.
    const other = (await request(t.app).post('/api/comparisons').send({ title: 'Other' }).expect(201)).body
      .id;
    await request(t.app).post(`/api/comparisons/${other}/articles`).send({ text: KYIV_LEDGER }).expect(201);
    const otherJson = await request(t.app).get(`/api/comparisons/${other}`).expect(200);
    expect(otherJson.body.articles[0].hits.map((h: { entry: string }) => h.entry)).not.toContain(
      'ceasefire-breach',
    );
    // Removing it goes back to the shared analysis.
    await (await formClient(t.app)).post(`/comparisons/${id}/lexicons/delete`).expect(303);
    expect(await hitsOf()).not.toContain('ceasefire-breach');
  });

  it('answers 201 JSON when asked for JSON', async () => {
    const res = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .attach('lexicon', Buffer.from(EXTRA_LEXICON), 'extra.yaml')
      .expect(201);
    expect(res.body).toEqual({ lexicon: { fileName: 'extra.yaml' } });
  });

  it('refuses an invalid entry with a message naming file, entry and field (422)', async () => {
    const bad = EXTRA_LEXICON.replace('    citation: framelens test suite\n', '');
    const res = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .attach('lexicon', Buffer.from(bad), 'bad.yaml')
      .expect(422);
    expect(res.body.error.message).toMatch(/^bad\.yaml: entry 'ceasefire-breach', field 'citation': /);
    const page = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .attach('lexicon', Buffer.from(bad), 'bad.yaml')
      .expect(422);
    expect(page.text).toContain('bad.yaml: entry &#39;ceasefire-breach&#39;, field &#39;citation&#39;');
    // The form answers with the same page and its upload form, not a dead-end error page.
    expect(page.text).toMatch(/<p class="form-error" role="alert">bad\.yaml: entry/);
    expect(page.text).toContain('name="lexicon"');
    expect(await t.store.getComparisonLexicon(id)).toBeUndefined();
  });

  it('refuses a duplicate of a shipped entry (422), a regex pattern (422), a wrong type (415) and a missing file (400)', async () => {
    const dup = EXTRA_LEXICON.replace('id: ceasefire-breach', 'id: coup');
    expect(
      (
        await (
          await formClient(t.app)
        )
          .post(`/comparisons/${id}/lexicons`)
          .set('Accept', 'application/json')
          .attach('lexicon', Buffer.from(dup), 'dup.yaml')
          .expect(422)
      ).body.error.message,
    ).toMatch(/dup\.yaml: entry 'coup': duplicate id/);
    const regex = EXTRA_LEXICON.replace('[broken the ceasefire]', '["(a+)+$"]');
    const re = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .attach('lexicon', Buffer.from(regex), 'regex.yaml')
      .expect(422);
    expect(re.body.error.message).toBe(
      "regex.yaml: entry 'ceasefire-breach', field 'patterns.0': must be plain words, not a regular expression",
    );
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .attach('lexicon', Buffer.from(EXTRA_LEXICON), 'extra.txt')
      .expect(415);
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/lexicons`)
      .set('Accept', 'application/json')
      .field('x', 'y')
      .expect(400);
  });
});

describe('configured lexicons (FRAMELENS_LEXICONS)', () => {
  it('stop the server at start-up with a message naming file, entry and field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-lex-'));
    try {
      writeFileSync(
        path.join(dir, 'extra.yaml'),
        EXTRA_LEXICON.replace('[broken the ceasefire]', '["ceasefire.*broken"]'),
      );
      const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'src', 'server.ts')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          ...process.env,
          FRAMELENS_LEXICONS: dir,
          FRAMELENS_DB: path.join(dir, 'x.db'),
          FRAMELENS_SEEDS: 'none',
          PORT: '1',
        },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /extra\.yaml: entry 'ceasefire-breach', field 'patterns\.0': must be plain words, not a regular expression/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
