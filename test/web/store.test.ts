import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeeds, MIGRATIONS, newId, Store, titleFromFolder } from '../../src/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Store', () => {
  it('runs in WAL mode and records its migrations', () => {
    const store = new Store(path.join(dir, 'db.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.prepare('SELECT version FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    store.close();
    // Re-opening applies nothing twice.
    const again = new Store(path.join(dir, 'db.sqlite'));
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    again.close();
  });

  it('makes random, unguessable ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('keeps comparisons, articles and original files across restarts', () => {
    const file = path.join(dir, 'db.sqlite');
    const store = new Store(file);
    const c = store.createComparison({ title: 'Kept', eventDate: '2024-01-02' });
    const [a] = store.addArticles(c.id, [
      {
        source: 'S',
        title: null,
        date: null,
        text: 'Text.',
        original: { fileName: 'a.txt', mediaType: 'text/plain', content: Buffer.from('Text.') },
      },
    ]);
    store.close();
    const reopened = new Store(file);
    expect(reopened.getComparison(c.id)).toEqual(c);
    expect(reopened.listArticles(c.id)).toEqual([a]);
    expect(reopened.getOriginalFile(a.id)?.content.toString()).toBe('Text.');
    reopened.close();
  });

  it('stores a batch in one transaction: a failure leaves nothing behind', () => {
    const store = new Store(path.join(dir, 'db.sqlite'));
    const c = store.createComparison({ title: 'Batch' });
    const good = { source: 'S', title: null, date: null, text: 'Fine.' };
    expect(() => store.addArticles(c.id, [good, { ...good, text: null as unknown as string }])).toThrow(
      /NOT NULL/,
    );
    expect(store.listArticles(c.id)).toEqual([]);
    store.close();
  });

  it('caches analyses per lexicon version and drops stale versions', () => {
    const store = new Store(path.join(dir, 'db.sqlite'));
    const c = store.createComparison({ title: 'Cache' });
    const [a] = store.addArticles(c.id, [{ source: 'S', title: null, date: null, text: 'Fine.' }]);
    store.putCachedAnalysis(a.id, 'v1', '{"v":1}');
    expect(store.getCachedAnalysis(a.id, 'v1')).toBe('{"v":1}');
    store.putCachedAnalysis(a.id, 'v2', '{"v":2}');
    expect(store.getCachedAnalysis(a.id, 'v1')).toBeUndefined();
    expect(store.getCachedAnalysis(a.id, 'v2')).toBe('{"v":2}');
    store.deleteComparison(c.id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM analysis_cache').get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('loadSeeds', () => {
  it('titles a comparison from its folder name', () => {
    expect(titleFromFolder('2021-04-ukraine-contacts')).toEqual({
      title: 'Ukraine contacts',
      eventDate: '2021-04',
    });
    expect(titleFromFolder('misc_articles')).toEqual({ title: 'Misc articles', eventDate: null });
  });

  it('loads every seed folder into an empty database, once', async () => {
    const store = new Store(path.join(dir, 'db.sqlite'));
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(2);
    const list = store.listComparisons();
    expect(list.map((c) => [c.title, c.example]).sort()).toEqual([
      ['Riverside shelter', true],
      ['Ukraine contacts', true],
    ]);
    expect(list.find((c) => c.title === 'Ukraine contacts')!.articleCount).toBe(5);
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(0);
    // Deleting the examples does not bring them back on the next start.
    for (const c of list) store.deleteComparison(c.id);
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(0);
    store.close();
  });
});
