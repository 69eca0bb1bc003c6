import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeeds, MIGRATIONS, newId, openStore, titleFromFolder } from '../../src/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Store', () => {
  it('runs in WAL mode and records its migrations', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.prepare('SELECT version FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    await store.close();
    // Re-opening applies nothing twice.
    const again = await openStore(path.join(dir, 'db.sqlite'));
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    await again.close();
  });

  it('makes random, unguessable ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('keeps comparisons, articles and original files across restarts', async () => {
    const file = path.join(dir, 'db.sqlite');
    const store = await openStore(file);
    const c = await store.createComparison({ title: 'Kept', eventDate: '2024-01-02' });
    const [a] = await store.addArticles(c.id, [
      {
        source: 'S',
        title: null,
        date: null,
        text: 'Text.',
        original: { fileName: 'a.txt', mediaType: 'text/plain', content: Buffer.from('Text.') },
      },
    ]);
    await store.close();
    const reopened = await openStore(file);
    expect(await reopened.getComparison(c.id)).toEqual(c);
    expect(await reopened.listArticles(c.id)).toEqual([a]);
    expect((await reopened.getOriginalFile(a.id))?.content.toString()).toBe('Text.');
    await reopened.close();
  });

  it('stores a batch in one transaction: a failure leaves nothing behind', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    const c = await store.createComparison({ title: 'Batch' });
    const good = { source: 'S', title: null, date: null, text: 'Fine.' };
    await expect(
      store.addArticles(c.id, [good, { ...good, text: null as unknown as string }]),
    ).rejects.toHaveProperty('message', expect.stringMatching(/NOT NULL/));
    expect(await store.listArticles(c.id)).toEqual([]);
    await store.close();
  });

  it('caches analyses per lexicon version and drops stale versions', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    const c = await store.createComparison({ title: 'Cache' });
    const [a] = await store.addArticles(c.id, [{ source: 'S', title: null, date: null, text: 'Fine.' }]);
    await store.putCachedAnalysis(a.id, 'v1', '{"v":1}');
    expect(await store.getCachedAnalysis(a.id, 'v1')).toBe('{"v":1}');
    await store.putCachedAnalysis(a.id, 'v2', '{"v":2}');
    expect(await store.getCachedAnalysis(a.id, 'v1')).toBeUndefined();
    expect(await store.getCachedAnalysis(a.id, 'v2')).toBe('{"v":2}');
    await store.deleteComparison(c.id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM analysis_cache').get()).toEqual({ n: 0 });
    await store.close();
  });
});

describe('Store.transaction', () => {
  it('keeps everything written through it, or on an error nothing', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    const kept = await store.transaction(async (tx) => {
      const c = await tx.createComparison({ title: 'Kept' });
      await tx.setMeta('note', 'written');
      return c;
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.createComparison({ title: 'Rolled back' });
        await tx.setMeta('note', 'overwritten');
        throw new Error('the upload failed half way');
      }),
    ).rejects.toThrow('the upload failed half way');
    expect((await store.listComparisons()).map((c) => c.title)).toEqual([kept.title]);
    expect(await store.getMeta('note')).toBe('written');
    await store.close();
  });

  it('makes other callers wait, so their writes are not undone with it', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const failing = store.transaction(async (tx) => {
      await tx.createComparison({ title: 'Inside' });
      await paused;
      throw new Error('refused');
    });
    // Started while the transaction is open: it waits, then commits on its own.
    const outside = store.createComparison({ title: 'Outside' });
    release();
    await expect(failing).rejects.toThrow('refused');
    await outside;
    expect((await store.listComparisons()).map((c) => c.title)).toEqual(['Outside']);
    await store.close();
  });

  it('joins a transaction already open when it is nested', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    await expect(
      store.transaction(async (tx) => {
        await tx.transaction((inner) => inner.createComparison({ title: 'Nested' }));
        throw new Error('outer failed');
      }),
    ).rejects.toThrow('outer failed');
    expect(await store.countComparisons()).toBe(0);
    await store.close();
  });

  it('keeps the first value stored under a meta key', async () => {
    const store = await openStore(path.join(dir, 'db.sqlite'));
    expect(await store.initMeta('secret', 'first')).toBe('first');
    expect(await store.initMeta('secret', 'second')).toBe('first');
    expect(await store.getMeta('secret')).toBe('first');
    await store.close();
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
    const store = await openStore(path.join(dir, 'db.sqlite'));
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(2);
    const list = await store.listComparisons();
    expect(list.map((c) => [c.title, c.example]).sort()).toEqual([
      ['Riverside shelter', true],
      ['Ukraine contacts', true],
    ]);
    expect(list.find((c) => c.title === 'Ukraine contacts')!.articleCount).toBe(5);
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(0);
    // Deleting the examples does not bring them back on the next start.
    for (const c of list) await store.deleteComparison(c.id);
    expect(await loadSeeds(store, path.resolve('seeds'))).toBe(0);
    await store.close();
  });
});
