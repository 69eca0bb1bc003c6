/**
 * Report downloads are compared and rendered in the worker pool, not on the
 * thread that answers requests; a render over the pool's limits is answered
 * 503 naming the limit, and renders are kept until the comparison changes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import * as build from '../../src/report/build';
import { JobFailedError, type JobPool } from '../../src/batch/pool';
import { poolFor } from '../../src/web/app';
import { createAnalysisService } from '../../src/web/analyses';
import { createReportDownloads } from '../../src/web/report-downloads';
import { makeApp, reopenApp, type TestApp } from './helpers';
import { countRows } from '../helpers/databases';

/** A long article: the same reporting paragraphs, numbered, many times over. */
function longArticle(source: string, paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `In paragraph ${i}, officials said the talks in Kyiv had failed, and the minister denied that a "so-called" deal existed.`,
  ).join('\n\n');
  return `source: ${source}\ntitle: Talks fail\ndate: 2021-04-12\n\n${body}\n`;
}

async function comparisonOf(t: TestApp, paragraphs: number): Promise<string> {
  const id = (await request(t.app).post('/api/comparisons').send({ title: 'Long talks' }).expect(201)).body
    .id;
  for (const source of ['Daily Ledger', 'Evening Wire'])
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({ text: longArticle(source, paragraphs) })
      .expect(201);
  return id;
}

describe('report downloads in the worker pool', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  let id: string;
  beforeAll(async () => {
    t = await makeApp();
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    id = await comparisonOf(t, 300);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('compares and renders in a worker while /healthz keeps answering', async () => {
    const onMainThread = jest.spyOn(build, 'reportOf');
    const run = jest.spyOn(poolFor(t.config), 'run');
    try {
      let pending = true;
      const report = request(base)
        .get(`/comparisons/${id}/report.html`)
        .then((res) => {
          pending = false;
          return res;
        });
      const health: number[] = [];
      while (pending) {
        health.push((await fetch(`${base}/healthz`)).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const res = await report;
      expect(res.status).toBe(200);
      expect(res.text).toContain('<section id="attributions">');
      expect(health.every((status) => status === 200)).toBe(true);
      expect(run.mock.calls.map(([job]) => job.kind)).toEqual(['report']);
      expect(onMainThread).not.toHaveBeenCalled();
    } finally {
      onMainThread.mockRestore();
      run.mockRestore();
    }
  });

  it('keeps a render until the comparison changes, and shares one render between requests', async () => {
    const run = jest.spyOn(poolFor(t.config), 'run');
    try {
      const [a, b] = await Promise.all([
        request(t.app).get(`/comparisons/${id}/report.md`).expect(200),
        request(t.app).get(`/comparisons/${id}/report.md`).expect(200),
      ]);
      expect(b.text).toBe(a.text);
      await request(t.app).get(`/comparisons/${id}/report.md`).expect(200);
      expect(run).toHaveBeenCalledTimes(1);
      await request(t.app).patch(`/api/comparisons/${id}`).send({ title: 'Talks, renamed' }).expect(200);
      await request(t.app).get(`/comparisons/${id}/report.md`).expect(200);
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      run.mockRestore();
    }
  });

  it('analyses the articles the cache lacks in the pool, and caches them', async () => {
    const cachedRows = () => countRows(t.store, 'analysis_cache');
    await t.store.db.deleteFrom('analysis_cache').execute();
    const run = jest.spyOn(poolFor(t.config), 'run');
    try {
      await request(t.app).get(`/comparisons/${id}/report.csv`).expect(200);
      expect(run.mock.calls.map(([job]) => job.kind).sort()).toEqual(['analyze', 'analyze', 'report']);
      expect(await cachedRows()).toBe(2);
    } finally {
      run.mockRestore();
    }
  });

  it('answers 503 naming the limit when a render passes its time budget; the next request renders', async () => {
    const tight = await reopenApp(t, { FRAMELENS_JOB_SECONDS: '0.001' });
    try {
      const res = await request(tight.app)
        .get(`/comparisons/${id}/report.json`)
        .set('Accept', 'application/json')
        .expect(503);
      expect(res.body.error.message).toBe(
        'report.json: the JSON report took longer than the limit of 0.001 s; try again later',
      );
      const ok = await request(t.app).get(`/comparisons/${id}/report.json`).expect(200);
      expect(JSON.parse(ok.text).articles).toHaveLength(2);
    } finally {
      await tight.close();
    }
  });

  it('answers 404 for an unknown comparison without starting a job', async () => {
    const run = jest.spyOn(poolFor(t.config), 'run');
    try {
      await request(t.app).get('/comparisons/nope/report.html').expect(404);
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });
});

describe('createReportDownloads', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await makeApp();
    id = await comparisonOf(t, 20);
  });
  afterAll(() => t.close());

  /** The downloads of the test app's comparison, with their own cache of `cacheBytes` and the app's analysis service. */
  function downloads(cacheBytes: number, pool: JobPool = poolFor(t.config)) {
    const errors: unknown[] = [];
    const analyses = createAnalysisService({
      store: t.store,
      analyzer: t.analyzer,
      baseSources: t.sources,
      log: () => undefined,
    });
    return {
      errors,
      reports: createReportDownloads({
        store: t.store,
        analyses,
        pool,
        cacheBytes,
        log: (e) => errors.push(e),
      }),
    };
  }

  it('keeps renders within its byte bound, dropping the least recently used', async () => {
    const uncached = downloads(0).reports;
    const md = (await uncached.get(id, 'md')).length;
    const csv = (await uncached.get(id, 'csv')).length;
    const run = jest.spyOn(poolFor(t.config), 'run');
    try {
      // A render larger than the whole cache is never kept.
      const tiny = downloads(Math.min(md, csv) - 1).reports;
      await tiny.get(id, 'md');
      await tiny.get(id, 'md');
      expect(run).toHaveBeenCalledTimes(2);
      // Room for either report but not both: the CSV render pushes the Markdown out.
      const one = downloads(md + csv - 1).reports;
      await one.get(id, 'md');
      await one.get(id, 'md');
      expect(run).toHaveBeenCalledTimes(3);
      await one.get(id, 'csv');
      await one.get(id, 'md');
      expect(run).toHaveBeenCalledTimes(5);
    } finally {
      run.mockRestore();
    }
  });

  it('renders an article whose analysis fails in the worker without findings, with a diagnostic, and logs why', async () => {
    await t.store.db.deleteFrom('analysis_cache').execute();
    const real = poolFor(t.config);
    // A worker that fails every analysis (as a crash in the analyzer would), and renders as usual.
    const failing = {
      ...real,
      run: ((job, transfer) =>
        job.kind === 'analyze'
          ? Promise.reject(new JobFailedError('the analyzer stopped', 'TypeError'))
          : real.run(job, transfer)) as JobPool['run'],
    };
    const { reports, errors } = downloads(2 ** 20, failing);
    const report = JSON.parse((await reports.get(id, 'json')).toString()) as {
      articles: { diagnostics: { code: string; message: string }[]; hits: unknown[] }[];
    };
    expect(report.articles.map((a) => a.diagnostics.map((d) => d.code))).toEqual([
      ['analysis-failed'],
      ['analysis-failed'],
    ]);
    expect(report.articles[0].diagnostics[0].message).toBe(
      'this article could not be analysed (the analyzer stopped); it is shown without findings',
    );
    expect(errors).toHaveLength(2);
    // Nothing was cached for them: the next request analyses them again.
    expect(await countRows(t.store, 'analysis_cache')).toBe(0);
  });

  it('answers 404 for a comparison deleted before it is rendered', async () => {
    await expect(downloads(0).reports.get('no-such-id', 'md')).rejects.toThrow(
      "No comparison with id 'no-such-id'",
    );
  });
});
