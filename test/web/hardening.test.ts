/**
 * Issue 12's smaller gaps in the web app: one article the analyzer fails on
 * does not take its comparison down, an upload racing the deletion of its
 * comparison is a 404, and file names are capped like typed labels.
 */
import request from 'supertest';
import { createAnalyzer, type Analyzer } from '../../src/core/analyze';
import { buildLexiconSet } from '../../src/lexicon/parse';
import { readLexiconSources } from '../../src/lexicon/load';
import { newArticleFrom } from '../../src/store';
import { createApp, poolFor } from '../../src/web/app';
import { articleFromText } from '../../src/ingest/article';
import { FIXTURE_LEXICONS, KYIV_LEDGER, makeApp, type TestApp } from './helpers';
import { countRows } from '../helpers/databases';

let t: TestApp;
afterEach(() => t.close());

describe('an article the analyzer fails on', () => {
  it('is shown with a diagnostic and no findings, and the rest of the comparison still renders', async () => {
    t = await makeApp();
    const sources = readLexiconSources(FIXTURE_LEXICONS);
    const base = createAnalyzer(buildLexiconSet(sources));
    // Stands for any analyzer bug on one article's text.
    const fragile: Analyzer = {
      ...base,
      analyze: (input, options) => {
        if (input.text.includes('Reportedly told'))
          throw new TypeError("Cannot read properties of undefined (reading 'end')");
        return base.analyze(input, options);
      },
    };
    const errors: unknown[] = [];
    const app = createApp({
      config: t.config,
      store: t.store,
      analyzer: fragile,
      lexiconSources: () => sources,
      log: (err) => errors.push(err),
    });
    const comparison = await t.store.createComparison({ title: 'Fragile' });
    await t.store.addArticles(comparison.id, [
      newArticleFrom(articleFromText('good.txt', KYIV_LEDGER)),
      newArticleFrom(
        articleFromText('bad.txt', 'source: Wire\n\nReportedly told reporters that the plan is sound.'),
      ),
    ]);
    const page = await request(app).get(`/comparisons/${comparison.id}`).expect(200);
    expect(page.text).toContain('this article could not be analysed (Cannot read properties of undefined');
    const json = (await request(app).get(`/api/comparisons/${comparison.id}`).expect(200)).body;
    expect(
      json.articles.map((a: { diagnostics: { code: string }[] }) => a.diagnostics.map((d) => d.code)),
    ).toEqual([expect.not.arrayContaining(['analysis-failed']), ['analysis-failed']]);
    await request(app).get(`/comparisons/${comparison.id}/report.md`).expect(200);
    // Logged once: the comparison is built once per revision.
    expect(errors).toHaveLength(1);
  });
});

describe('an upload racing the deletion of its comparison', () => {
  it('is answered 404 and stores nothing', async () => {
    t = await makeApp();
    const id = (await request(t.app).post('/api/comparisons').send({ title: 'Racing' }).expect(201)).body.id;
    const real = poolFor(t.config);
    // The comparison is deleted while the article is being analysed.
    const racing = {
      ...real,
      run: (async (job, transfer) => {
        const result = await real.run(job, transfer);
        if (job.kind === 'analyze') await t.store.deleteComparison(id);
        return result;
      }) as typeof real.run,
    };
    const app = createApp({
      config: t.config,
      store: t.store,
      analyzer: t.analyzer,
      lexiconSources: t.sources,
      pool: racing,
    });
    const res = await request(app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(404);
    expect(res.body.error.message).toBe(`No comparison with id '${id}'`);
    expect(await countRows(t.store, 'articles')).toBe(0);
  });
});

describe('file names', () => {
  it('are capped at 200 characters when they become the source', async () => {
    t = await makeApp();
    const id = (await request(t.app).post('/api/comparisons').send({ title: 'Names' }).expect(201)).body.id;
    const name = `${'n'.repeat(10_000)}.txt`;
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from('Officials said the talks in Kyiv failed on Tuesday.'), name)
      .expect(201);
    const source = res.body.articles[0].source as string;
    expect(Array.from(source)).toHaveLength(200);
    expect(source).toBe(`${'n'.repeat(199)}…`);
  });
});
