/**
 * Issue 6, point 4: `framelens export FILE` and `framelens import FILE
 * [--replace]` as a round trip through a fresh database.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { closeExtractor } from '../../src/ingest/extract';
import {
  type Backup,
  BackupError,
  exportAll,
  exportToFile,
  importAll,
  openStore,
  parseBackup,
} from '../../src/store';
import { makeDocx } from '../fixtures/files/make';
import { formClient, KYIV_LEDGER, makeApp, MOSCOW_HERALD, reopenApp, type TestApp } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

/** The CLI from source, as `npx framelens` would run it after a build. */
function framelens(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stderr: r.stderr };
}

const EXTRA = JSON.stringify({
  kind: 'loaded-terms',
  entries: [
    {
      id: 'ceasefire-breach',
      patterns: ['broken the ceasefire'],
      category: 'emotive-intensifier',
      domain: 'conflict',
      note: 'Test entry.',
      citation: 'framelens test suite',
    },
  ],
});

let t: TestApp;
let fresh: TestApp;
let donbas: string;
beforeAll(async () => {
  t = await makeApp();
  fresh = await makeApp();
  donbas = (
    await request(t.app)
      .post('/api/comparisons')
      .send({ title: 'Donbas', eventDate: '2021-04-10' })
      .expect(201)
  ).body.id;
  const docx = makeDocx(['Officials in Kiev said the militia had broken the ceasefire.']);
  await request(t.app)
    .post(`/api/comparisons/${donbas}/articles`)
    .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv.txt')
    .attach('files', docx, 'wire.docx')
    .expect(201);
  await request(t.app).post(`/api/comparisons/${donbas}/articles`).send({ text: MOSCOW_HERALD }).expect(201);
  const herald = (await t.store.listArticles(donbas))[2];
  const coup = herald.text.indexOf('coup');
  await request(t.app)
    .post(`/api/comparisons/${donbas}/dismissals`)
    .send({ articleId: herald.id, kind: 'loaded-terms', entry: 'coup', start: coup, end: coup + 4 })
    .expect(201);
  // "Kiev regime escalates in Donbass": a flag of the headline, offsets into the title.
  await request(t.app)
    .post(`/api/comparisons/${donbas}/dismissals`)
    .send({
      articleId: herald.id,
      part: 'headline',
      kind: 'loaded-terms',
      entry: 'regime',
      start: 5,
      end: 11,
    })
    .expect(201);
  await (
    await formClient(t.app)
  )
    .post(`/comparisons/${donbas}/lexicons`)
    .attach('lexicon', Buffer.from(EXTRA), 'extra.json')
    .expect(303);
  const other = (await request(t.app).post('/api/comparisons').send({ title: 'Empty one' }).expect(201)).body
    .id;
  expect(other).toBeTruthy();
});
afterAll(async () => {
  await t.close();
  await fresh.close();
  await closeExtractor();
});

describe('framelens export and import', () => {
  it('round-trips everything through a fresh database: comparisons, articles, original files, dismissals, lexicons', async () => {
    const file = path.join(t.dir, 'backup.json');
    // The server's own database setting (FRAMELENS_DB) is where export reads from.
    const exported = framelens(['export', file], { FRAMELENS_DB: path.join(t.dir, 'framelens.db') });
    expect(exported).toEqual({
      code: 0,
      stderr: `framelens: exported 2 comparisons with 3 articles from ${path.join(t.dir, 'framelens.db')} to ${file}\n`,
    });
    const imported = framelens(['import', file, '--db', path.join(fresh.dir, 'framelens.db')]);
    expect(imported).toEqual({
      code: 0,
      stderr: `framelens: imported 2 comparisons into ${path.join(fresh.dir, 'framelens.db')}\n`,
    });

    const strip = (b: Backup) => ({ ...b, exportedAt: '' });
    expect(strip(await exportAll(fresh.store))).toEqual(strip(await exportAll(t.store)));
    expect(strip(await exportAll(fresh.store))).toEqual(
      strip(parseBackup(JSON.parse(readFileSync(file, 'utf8')))),
    );
    // The restored comparison analyses the same, with its dismissal and extra lexicon.
    const before = (await request(t.app).get(`/api/comparisons/${donbas}`).expect(200)).text;
    const after = (await request(fresh.app).get(`/api/comparisons/${donbas}`).expect(200)).text;
    expect(after).toBe(before);
    expect(JSON.parse(after).articles[0].hits.map((h: { entry: string }) => h.entry)).toContain(
      'ceasefire-breach',
    );
    const wire = (await fresh.store.listArticles(donbas))[1];
    expect(
      (await fresh.store.getOriginalFile(wire.id))!.content.equals(
        (await t.store.getOriginalFile(wire.id))!.content,
      ),
    ).toBe(true);
    expect(await fresh.store.listDismissals(donbas)).toEqual(await t.store.listDismissals(donbas));
    expect((await fresh.store.listDismissals(donbas)).map((d) => `${d.part} ${d.text}`)).toEqual([
      'body coup',
      'headline regime',
    ]);
  });

  it('imports the dismissals of an export made before headline flags could be dismissed as body dismissals', async () => {
    const backup = await exportAll(t.store);
    const older = {
      ...backup,
      comparisons: backup.comparisons.map((c) => ({
        ...c,
        dismissals: c.dismissals.filter((d) => d.part === 'body').map(({ part: _part, ...d }) => d),
      })),
    };
    expect(JSON.stringify(older)).not.toContain('"part"');
    const target = await makeApp();
    try {
      await importAll(target.store, parseBackup(older));
      expect((await target.store.listDismissals(donbas)).map((d) => `${d.part} ${d.entry}`)).toEqual([
        'body coup',
      ]);
    } finally {
      await target.close();
    }
  });

  it('skips comparisons that already exist, and overwrites them with --replace', async () => {
    const file = path.join(t.dir, 'again.json');
    writeFileSync(file, JSON.stringify(await exportAll(t.store)));
    const target = path.join(fresh.dir, 'framelens.db');
    await fresh.store.updateComparison(donbas, { title: 'Edited after the backup' });
    expect(framelens(['import', file, '--db', target]).stderr).toBe(
      `framelens: imported 0 comparisons, skipped 2 that already exist (use --replace to overwrite them) into ${target}\n`,
    );
    expect((await fresh.store.getComparison(donbas))!.title).toBe('Edited after the backup');
    expect(framelens(['import', file, '--replace', '--db', target]).stderr).toBe(
      `framelens: imported 0 comparisons, replaced 2 into ${target}\n`,
    );
    expect((await fresh.store.getComparison(donbas))!.title).toBe('Donbas');
    expect(await fresh.store.listArticles(donbas)).toHaveLength(3);
  });

  it('refuses a file that is not a backup, naming it, and imports nothing', () => {
    const file = path.join(t.dir, 'not-a-backup.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'framelens-backup',
        version: 1,
        exportedAt: 'x',
        comparisons: [{ id: 'a', title: 3 }],
      }),
    );
    const r = framelens(['import', file, '--db', path.join(t.dir, 'other.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not-a-backup\.json: not a framelens backup: comparisons\.0\.title: /);
  });

  it('imports all or nothing: a conflict in the middle leaves the database as it was', async () => {
    const backup = await exportAll(t.store);
    const target = await openStore(':memory:');
    try {
      const clash = { ...backup.comparisons[0], id: 'another-id', title: 'Clash' };
      // The new comparison comes first, then one whose article ids clash with it.
      const doc = { ...backup, comparisons: [backup.comparisons[1], backup.comparisons[0], clash] };
      await expect(importAll(target, doc)).rejects.toThrow(BackupError);
      expect(await target.countComparisons()).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('streams the export one comparison at a time into the same document', async () => {
    const file = path.join(t.dir, 'streamed.json');
    const now = new Date('2026-11-28T12:00:00Z');
    expect(await exportToFile(t.store, file, now)).toEqual({ comparisons: 2, articles: 3 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(await exportAll(t.store, now));
  });

  it('refuses inconsistent records, naming each, and imports nothing', async () => {
    const backup = await exportAll(t.store);
    const withDonbas = (change: (c: (typeof backup.comparisons)[number]) => object) => ({
      ...backup,
      comparisons: backup.comparisons.map((c) => (c.id === donbas ? change(c) : c)),
    });
    const problem = (doc: unknown) => {
      try {
        parseBackup(doc, 'doc.json');
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const index = backup.comparisons.findIndex((c) => c.id === donbas);
    expect(problem(withDonbas((c) => ({ ...c, id: 'x'.repeat(100_000) })))).toContain(
      `comparisons.${index}.id: expected an id of 1 to 64 letters, digits, "-" or "_"`,
    );
    const [d] = backup.comparisons[index].dismissals;
    expect(problem(withDonbas((c) => ({ ...c, dismissals: [{ ...d, start: d.end + 1 }] })))).toContain(
      `dismissal '${d.id}': ${d.end + 1}-${d.end} is not the span of`,
    );
    const headline = backup.comparisons[index].dismissals.find((x) => x.part === 'headline')!;
    // The headline's "regime" is at 5-11 of the title; the body has other words there.
    expect(problem(withDonbas((c) => ({ ...c, dismissals: [{ ...headline, part: 'body' }] })))).toContain(
      `dismissal '${headline.id}': 5-11 is not the span of "regime" in article '${headline.articleId}'`,
    );
    expect(problem(withDonbas((c) => ({ ...c, dismissals: [{ ...headline, start: 0, end: 6 }] })))).toContain(
      `dismissal '${headline.id}': 0-6 is not the span of "regime" in the headline of article '${headline.articleId}'`,
    );
    expect(problem(withDonbas((c) => ({ ...c, dismissals: [{ ...headline, part: 'title' }] })))).toContain(
      `comparisons.${index}.dismissals.0.part: Invalid option: expected one of "body"|"headline"`,
    );
    const other = backup.comparisons.find((c) => c.id !== donbas)!;
    const foreign = other.articles[0]?.id ?? 'someone-else';
    expect(problem(withDonbas((c) => ({ ...c, dismissals: [{ ...d, articleId: foreign }] })))).toContain(
      `dismissal '${d.id}' points at article '${foreign}', which is not in comparison '${donbas}'`,
    );
    expect(
      problem({
        ...backup,
        comparisons: [...backup.comparisons, { ...backup.comparisons[index], title: 'Twice' }],
      }),
    ).toContain(`comparison '${donbas}' repeats the id of comparison '${donbas}'`);
  });

  it('refuses an invalid extra lexicon on import, naming its comparison', async () => {
    const backup = await exportAll(t.store);
    const broken = {
      ...backup,
      comparisons: backup.comparisons.map((c) => ({
        ...c,
        lexicon: { fileName: 'extra.yaml', content: 'kind: loaded-terms\nentries: [{ id: 3 }]\n' },
      })),
    };
    const file = path.join(t.dir, 'broken-lexicon.json');
    writeFileSync(file, JSON.stringify(broken));
    const target = path.join(t.dir, 'lexicon-target.db');
    const r = framelens(['import', file, '--db', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /the lexicon of comparison '[\w-]+' is not valid: .*extra\.yaml.*nothing was imported/,
    );
  });

  it('survives a server restart on the imported database', async () => {
    const restarted = await reopenApp(fresh);
    try {
      const res = await request(restarted.app).get('/api/comparisons').expect(200);
      expect(res.body.comparisons.map((c: { title: string }) => c.title).sort()).toEqual([
        'Donbas',
        'Empty one',
      ]);
    } finally {
      await restarted.close();
    }
  });
});
