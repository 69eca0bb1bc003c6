/**
 * What the store promises on either engine: the same suite runs on SQLite
 * (store.sqlite.test.ts) and on PostgreSQL (store.postgres.test.ts), each test on a
 * database of its own.
 */
import path from 'node:path';
import { loadSeeds, MIGRATIONS, openStore, type Store } from '../../src/store';
import { countRows, migrateUpTo, type TestDatabase } from '../helpers/databases';

/**
 * Declares the store's tests for one engine.
 * @param engine - the engine's name, as the store reports it
 * @param fresh - makes an empty database for one test
 */
export function describeStore(engine: Store['engine'], fresh: () => Promise<TestDatabase>): void {
  let database: TestDatabase;
  const opened: Store[] = [];
  /** Opens the test's database; every store opened is closed after the test. */
  const open = async () => {
    const store = await openStore(database.location);
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    database = await fresh();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await database.drop();
  });

  describe(`Store on ${engine}`, () => {
    it('records its migrations and applies none twice, even when instances start together', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      expect(stores[0].engine).toBe(engine);
      const versions = await stores[0].db
        .selectFrom('schema_migrations')
        .select('version')
        .orderBy('version')
        .execute();
      expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      await open();
      expect(await countRows(stores[0], 'schema_migrations')).toBe(MIGRATIONS.length);
    });

    it('keeps comparisons, articles and original files across restarts', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Kept', eventDate: '2024-01-02' });
      const bytes = Buffer.from([0, 255, 1, 254, ...Buffer.from('Text.')]);
      const [a] = await store.addArticles(c.id, [
        {
          source: 'S',
          title: null,
          date: null,
          text: 'Text.',
          original: { fileName: 'a.bin', mediaType: 'application/octet-stream', content: bytes },
        },
      ]);
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const reopened = await open();
      expect(await reopened.getComparison(c.id)).toEqual(c);
      expect(await reopened.listArticles(c.id)).toEqual([a]);
      expect((await reopened.getOriginalFile(a.id))?.content.equals(bytes)).toBe(true);
    });

    it('stores a batch in one transaction: a failure leaves nothing behind', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Batch' });
      const good = { source: 'S', title: null, date: null, text: 'Fine.' };
      await expect(
        store.addArticles(c.id, [good, { ...good, text: null as unknown as string }]),
      ).rejects.toHaveProperty('message', expect.stringMatching(/NOT NULL|not-null/));
      expect(await store.listArticles(c.id)).toEqual([]);
    });

    it('numbers the articles of uploads sent at once without gaps or repeats', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Busy' });
      const article = (i: number) => ({ source: `S${i}`, title: null, date: null, text: `Text ${i}.` });
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.addArticles(c.id, [article(2 * i), article(2 * i + 1)])),
      );
      const positions = (await store.listArticles(c.id)).map((a) => a.position);
      expect(positions).toEqual(Array.from({ length: 12 }, (_, i) => i));
    });

    it('caches analyses per lexicon version, drops stale versions, and none for a deleted article', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Cache' });
      const [a] = await store.addArticles(c.id, [{ source: 'S', title: null, date: null, text: 'Fine.' }]);
      await store.putCachedAnalysis(a.id, 'v1', '{"v":1}');
      expect(await store.getCachedAnalysis(a.id, 'v1')).toBe('{"v":1}');
      await store.putCachedAnalysis(a.id, 'v2', '{"v":2}');
      await store.putCachedAnalysis(a.id, 'v2', '{"v":2.1}');
      expect(await store.getCachedAnalysis(a.id, 'v1')).toBeUndefined();
      expect(await store.getCachedAnalysis(a.id, 'v2')).toBe('{"v":2.1}');
      await store.deleteArticle(c.id, a.id);
      await store.putCachedAnalysis(a.id, 'v2', '{"v":3}');
      expect(await countRows(store, 'analysis_cache')).toBe(0);
    });

    it('finds comparisons by title or source, ignoring case, with wildcards taken literally', async () => {
      const store = await open();
      const rally = await store.createComparison({ title: 'Rally turnout: 50% up' });
      const other = await store.createComparison({ title: 'Budget_vote' });
      await store.addArticles(rally.id, [
        { source: 'Kyiv Ledger', title: null, date: null, text: 'One.' },
        { source: 'Moscow Herald', title: null, date: null, text: 'Two.' },
      ]);
      const titles = async (q: string) => (await store.listComparisons(q)).map((c) => c.title);
      expect(await titles('')).toEqual(['Budget_vote', 'Rally turnout: 50% up']);
      expect(await titles('RALLY')).toEqual([rally.title]);
      expect(await titles('herald')).toEqual([rally.title]);
      expect(await titles('50%')).toEqual([rally.title]);
      expect(await titles('0%u')).toEqual([]);
      expect(await titles('t_v')).toEqual([other.title]);
      expect(await titles('et v')).toEqual([]);
      const [summary] = await store.listComparisons('ledger');
      expect(summary).toMatchObject({ articleCount: 2, sources: ['Kyiv Ledger', 'Moscow Herald'] });
    });

    it('moves the revision on with every write to a comparison or what it holds, never repeating one', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Revisions' });
      const seen = [(await store.getComparisonRevision(c.id))!];
      const step = async (write: () => Promise<unknown>) => {
        await write();
        seen.push((await store.getComparisonRevision(c.id))!);
      };
      const [a] = await store.addArticles(c.id, [{ source: 'S', title: null, date: null, text: 'A coup.' }]);
      seen.push((await store.getComparisonRevision(c.id))!);
      await step(() => store.updateComparison(c.id, { title: 'Renamed' }));
      await step(() => store.updateArticle(c.id, a.id, { title: 'Titled' }));
      await step(() => store.updateArticleText(c.id, a.id, 'A putsch.'));
      let dismissal = '';
      await step(async () => {
        dismissal = (
          await store.addDismissal(c.id, {
            articleId: a.id,
            kind: 'loaded-terms',
            entry: 'putsch',
            start: 2,
            end: 8,
            text: 'putsch',
          })
        ).id;
      });
      await step(() => store.moveDismissals(c.id, [{ id: dismissal, start: 2, end: 8 }]));
      await step(() => store.deleteDismissal(c.id, dismissal));
      await step(() => store.setComparisonLexicon(c.id, { fileName: 'x.yaml', content: 'kind: x' }));
      await step(() => store.setComparisonLexicon(c.id, null));
      await step(() => store.deleteArticle(c.id, a.id));
      expect(seen.every((r, i) => i === 0 || r > seen[i - 1])).toBe(true);
      expect(await store.getComparisonRevision('nope')).toBeUndefined();
    });

    it('records a dismissal once and moves dismissals past each other', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Dismissals' });
      const [a] = await store.addArticles(c.id, [
        { source: 'S', title: null, date: null, text: 'coup coup' },
      ]);
      const flag = (start: number) => ({
        articleId: a.id,
        kind: 'loaded-terms',
        entry: 'coup',
        start,
        end: start + 4,
        text: 'coup',
      });
      const first = await store.addDismissal(c.id, flag(0));
      expect(await store.addDismissal(c.id, flag(0))).toEqual(first);
      const second = await store.addDismissal(c.id, flag(5));
      // Swapped: each lands on the other's old place.
      await store.moveDismissals(c.id, [
        { id: first.id, start: 5, end: 9 },
        { id: second.id, start: 0, end: 4 },
      ]);
      expect((await store.listDismissals(c.id)).map((d) => [d.id, d.start, d.end])).toEqual([
        [first.id, 5, 9],
        [second.id, 0, 4],
      ]);
    });

    it('tells a headline flag from a body flag at the same offsets, each recorded once', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Parts' });
      const [a] = await store.addArticles(c.id, [
        { source: 'S', title: 'Coup in the capital', date: null, text: 'Coup leaders spoke.' },
      ]);
      const coup = { articleId: a.id, kind: 'loaded-terms', entry: 'coup', start: 0, end: 4, text: 'Coup' };
      const body = await store.addDismissal(c.id, coup);
      const headline = await store.addDismissal(c.id, { ...coup, part: 'headline' });
      expect(body.part).toBe('body');
      expect(headline).toMatchObject({ part: 'headline', start: 0, end: 4 });
      expect(headline.id).not.toBe(body.id);
      expect(await store.addDismissal(c.id, { ...coup, part: 'headline' })).toEqual(headline);
      expect(await store.addDismissal(c.id, { ...coup, part: 'body' })).toEqual(body);
      expect(await store.listDismissals(c.id)).toEqual([body, headline]);
      await expect(
        store.addDismissal(c.id, { ...coup, start: 5, part: 'title' as 'headline' }),
      ).rejects.toHaveProperty('message', expect.stringMatching(/CHECK constraint|check constraint/));
    });

    it('keeps the dismissals of an older database as body dismissals when it migrates', async () => {
      // Rows as release 2 wrote them, with no part.
      await migrateUpTo(
        database,
        engine,
        2,
        `INSERT INTO comparisons (id, title, event_date, example, created_at)
           VALUES ('c1', 'Old', NULL, 0, '2020-01-01T00:00:00Z');
         INSERT INTO articles (id, comparison_id, position, source, title, date, url, author, text, body_start, file_name, created_at)
           VALUES ('a1', 'c1', 0, 'S', 'A coup in the capital', NULL, NULL, NULL, 'A coup. A coup.', 0, NULL, '2020-01-01T00:00:00Z');
         INSERT INTO dismissals (id, comparison_id, article_id, kind, entry, start, "end", text, created_at)
           VALUES ('d1', 'c1', 'a1', 'loaded-terms', 'coup', 2, 6, 'coup', '2020-01-01T00:00:00Z'),
                  ('d2', 'c1', 'a1', 'loaded-terms', 'coup', 10, 14, 'coup', '2020-01-01T00:00:00Z')`,
      );
      const store = await open();
      const old = await store.listDismissals('c1');
      expect(old.map((d) => [d.id, d.part, d.start, d.end])).toEqual([
        ['d1', 'body', 2, 6],
        ['d2', 'body', 10, 14],
      ]);
      const revision = (await store.getComparisonRevision('c1'))!;
      // The headline's "coup" has the offsets of d1: the part keeps them apart.
      const headline = await store.addDismissal('c1', { ...old[0], part: 'headline' });
      expect(headline.id).not.toBe('d1');
      // The rebuilt table still bumps its comparison's revision.
      expect((await store.getComparisonRevision('c1'))!).toBeGreaterThan(revision);
      expect(await store.deleteDismissal('c1', 'd2')).toBe(true);
      expect((await store.listDismissals('c1')).map((d) => d.id)).toEqual(['d1', headline.id]);
    });

    it('deletes a comparison with everything it holds', async () => {
      const store = await open();
      const c = await store.createComparison({ title: 'Gone' });
      const [a] = await store.addArticles(c.id, [
        {
          source: 'S',
          title: null,
          date: null,
          text: 'Text.',
          original: { fileName: 'a.txt', mediaType: null, content: Buffer.from('Text.') },
        },
      ]);
      await store.putCachedAnalysis(a.id, 'v1', '{}');
      await store.setComparisonLexicon(c.id, { fileName: 'x.yaml', content: 'kind: x' });
      expect(await store.deleteComparison(c.id)).toBe(true);
      expect(await store.deleteComparison(c.id)).toBe(false);
      for (const table of ['articles', 'original_files', 'analysis_cache', 'comparison_lexicons'] as const)
        expect(await countRows(store, table)).toBe(0);
    });
  });

  describe(`Store.transaction on ${engine}`, () => {
    it('keeps everything written through it, or on an error nothing', async () => {
      const store = await open();
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
    });

    it('does not take in a write made outside it while it is open', async () => {
      const store = await open();
      let release!: () => void;
      const paused = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const inside = new Promise<void>((resolve) => (started = resolve));
      const failing = store.transaction(async (tx) => {
        await tx.createComparison({ title: 'Inside' });
        started();
        await paused;
        throw new Error('refused');
      });
      await inside;
      // Made while the transaction is open: it commits on its own, whatever the transaction does.
      const outside = store.createComparison({ title: 'Outside' });
      release();
      await expect(failing).rejects.toThrow('refused');
      await outside;
      expect((await store.listComparisons()).map((c) => c.title)).toEqual(['Outside']);
    });

    it('joins a transaction already open when it is nested', async () => {
      const store = await open();
      await expect(
        store.transaction(async (tx) => {
          await tx.transaction((inner) => inner.createComparison({ title: 'Nested' }));
          throw new Error('outer failed');
        }),
      ).rejects.toThrow('outer failed');
      expect(await store.countComparisons()).toBe(0);
    });

    it('keeps the first value stored under a meta key', async () => {
      const store = await open();
      expect(await store.initMeta('secret', 'first')).toBe('first');
      expect(await store.initMeta('secret', 'second')).toBe('first');
      await store.setMeta('secret', 'replaced');
      expect(await store.getMeta('secret')).toBe('replaced');
    });
  });

  describe(`loadSeeds on ${engine}`, () => {
    it('loads every seed folder into an empty database, once', async () => {
      const store = await open();
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
    });
  });
}
