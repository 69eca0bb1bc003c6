import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { KYIV_LEDGER, makeApp, type TestApp } from './helpers';

/**
 * The upload workers start from the compiled-lexicon snapshot in FRAMELENS_CACHE instead of
 * compiling the lexicons each (about 1.5 s and 70 MB a worker): a worker that finds no snapshot
 * writes one there.
 */
describe('upload workers and the compiled-lexicon cache', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('write and read their snapshot in the configured cache folder', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'framelens-lexicon-cache-'));
    t = await makeApp({ FRAMELENS_CACHE: cache });
    expect(readdirSync(cache)).toEqual([]);
    const id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  });
});
