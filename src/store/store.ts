/**
 * The database: comparisons, their articles with the original files,
 * dismissed flags, per-comparison lexicons and the analysis cache. One store
 * on two engines through Kysely's query builder: the embedded SQLite (WAL
 * mode, better-sqlite3) by default, or a PostgreSQL server (`pg`) that
 * several instances share. Every write that belongs together (an upload
 * batch, a deletion) runs in one transaction.
 *
 * Open a store with {@link openStore}, await every method, and run writes
 * that belong together through {@link Store.transaction}, using the store it
 * passes.
 */
import type { ArticleInput } from '../core/types';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Generated, Kysely, sql, SqliteDialect, type Transaction } from 'kysely';
import { migrate } from './migrations';
import { openPostgres } from './postgres';

/** A random, unguessable id: 12 bytes as base64url (16 characters). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export interface ComparisonRecord {
  id: string;
  title: string;
  eventDate: string | null;
  example: boolean;
  createdAt: string;
}

export interface ComparisonSummary extends ComparisonRecord {
  articleCount: number;
  sources: string[];
}

export interface ArticleRecord {
  id: string;
  comparisonId: string;
  position: number;
  source: string;
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  text: string;
  bodyStart: number;
  fileName: string | null;
  createdAt: string;
}

/** An article to store: the ingested article's metadata and text, and optionally the uploaded file. */
export type NewArticle = Pick<
  ArticleInput,
  'source' | 'title' | 'date' | 'url' | 'author' | 'text' | 'bodyStart'
> & {
  /** The uploaded file, kept verbatim. */
  original?: { fileName: string; mediaType: string | null; content: Buffer };
};

/**
 * The stored form of an ingested article.
 * @param a - the article as ingest read it
 * @param original - the uploaded file, kept verbatim
 */
export function newArticleFrom(a: ArticleInput, original?: NewArticle['original']): NewArticle {
  return {
    source: a.source,
    title: a.title,
    date: a.date,
    url: a.url ?? null,
    author: a.author ?? null,
    text: a.text,
    bodyStart: a.bodyStart ?? 0,
    original,
  };
}

export interface ArticlePatch {
  source?: string;
  title?: string | null;
  date?: string | null;
}

/** Where a dismissed flag lies: the article's body, or its headline analysed on its own (offsets into the title). */
export type DismissalPart = 'body' | 'headline';

export const DISMISSAL_PARTS: readonly DismissalPart[] = ['body', 'headline'];

export interface DismissalRecord {
  id: string;
  comparisonId: string;
  articleId: string;
  part: DismissalPart;
  /** The lexicon kind of the flag, or `scare-quotes`. */
  kind: string;
  entry: string;
  start: number;
  end: number;
  text: string;
  createdAt: string;
}

/** A dismissal to record; without a part it is of a body flag. */
export type NewDismissal = Omit<DismissalRecord, 'id' | 'comparisonId' | 'createdAt' | 'part'> & {
  part?: DismissalPart;
};

export interface ComparisonLexicon {
  fileName: string;
  content: string;
}

export interface OriginalFile {
  fileName: string;
  mediaType: string | null;
  content: Buffer;
}

/** The tables as the queries see them (see migrations.ts). */
export interface Schema {
  comparisons: {
    id: string;
    title: string;
    event_date: string | null;
    example: number;
    created_at: string;
    /** A number on SQLite; PostgreSQL's BIGINT arrives as a string. */
    revision: Generated<number | string>;
  };
  articles: {
    id: string;
    comparison_id: string;
    position: number;
    source: string;
    title: string | null;
    date: string | null;
    url: string | null;
    author: string | null;
    text: string;
    body_start: number;
    file_name: string | null;
    created_at: string;
  };
  original_files: { article_id: string; file_name: string; media_type: string | null; content: Buffer };
  dismissals: {
    id: string;
    comparison_id: string;
    article_id: string;
    part: DismissalPart;
    kind: string;
    entry: string;
    start: number;
    end: number;
    text: string;
    created_at: string;
  };
  comparison_lexicons: { comparison_id: string; file_name: string; content: string };
  analysis_cache: { article_id: string; lexicon_version: string; analysis: string };
  meta: { key: string; value: string };
  schema_migrations: { version: number; description: string; applied_at: string };
}

export type Engine = 'sqlite' | 'postgres';

type ArticleRow = Schema['articles'];
type ComparisonRow = Omit<Schema['comparisons'], 'revision'>;
type DismissalRow = Schema['dismissals'];

const toComparison = (r: ComparisonRow): ComparisonRecord => ({
  id: r.id,
  title: r.title,
  eventDate: r.event_date,
  example: r.example === 1,
  createdAt: r.created_at,
});

const toArticle = (r: ArticleRow): ArticleRecord => ({
  id: r.id,
  comparisonId: r.comparison_id,
  position: r.position,
  source: r.source,
  title: r.title,
  date: r.date,
  url: r.url,
  author: r.author,
  text: r.text,
  bodyStart: r.body_start,
  fileName: r.file_name,
  createdAt: r.created_at,
});

const toDismissal = (r: DismissalRow): DismissalRecord => ({
  id: r.id,
  comparisonId: r.comparison_id,
  articleId: r.article_id,
  part: r.part,
  kind: r.kind,
  entry: r.entry,
  start: r.start,
  end: r.end,
  text: r.text,
  createdAt: r.created_at,
});

/** The escape character of LIKE patterns, passed as a parameter: the engines read backslashes in SQL text differently. */
const LIKE_ESCAPE = '\\';
/** A dismissal as its table stores it (the store's and the backup import's inserts). */
export const dismissalRow = (d: DismissalRecord): DismissalRow => ({
  id: d.id,
  comparison_id: d.comparisonId,
  article_id: d.articleId,
  part: d.part,
  kind: d.kind,
  entry: d.entry,
  start: d.start,
  end: d.end,
  text: d.text,
  created_at: d.createdAt,
});

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;

/** Whether a database location is a PostgreSQL connection URL rather than an SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/**
 * Opens (and creates or migrates) the database.
 * @param location - an SQLite file (or `:memory:`), or a `postgres://` URL
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return new Store(await openPostgres<Schema>(location), 'postgres');
  if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true });
  const file = new Database(location);
  file.pragma('journal_mode = WAL');
  // FULL sync: an acknowledged upload survives power loss, not only a crash.
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  migrate(file);
  return new Store(new Kysely<Schema>({ dialect: new SqliteDialect({ database: file }) }), 'sqlite');
}

export class Store {
  /**
   * @param db - the query builder on the database, or on one transaction of it
   * @param engine - which database it is
   */
  constructor(
    readonly db: Kysely<Schema> | Transaction<Schema>,
    readonly engine: Engine,
  ) {}

  /** Closes the database (the SQLite file, or the connections to the server). */
  close(): Promise<void> {
    return this.db.destroy();
  }

  /** Lists comparisons, newest first; `query` matches the title or any article's source, ignoring case. */
  async listComparisons(query = ''): Promise<ComparisonSummary[]> {
    const q = query.trim();
    // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE for the same search.
    const like = sql.raw(this.engine === 'postgres' ? 'ILIKE' : 'LIKE');
    const matches = (column: string) =>
      sql<boolean>`${sql.ref(column)} ${like} ${likePattern(q)} ESCAPE ${LIKE_ESCAPE}`;
    const rows = await this.db
      .selectFrom('comparisons as c')
      .select(['c.id', 'c.title', 'c.event_date', 'c.example', 'c.created_at'])
      .where((eb) =>
        q === ''
          ? eb.lit(true)
          : eb.or([
              matches('c.title'),
              eb.exists(
                eb
                  .selectFrom('articles as a')
                  .select('a.id')
                  .whereRef('a.comparison_id', '=', 'c.id')
                  .where(matches('a.source')),
              ),
            ]),
      )
      .orderBy('c.example', 'asc')
      .orderBy('c.created_at', 'desc')
      .orderBy(sql`c.rowid`, 'desc')
      .execute();
    const sources = new Map<string, string[]>(rows.map((r) => [r.id, []]));
    if (rows.length) {
      const articles = await this.db
        .selectFrom('articles')
        .select(['comparison_id', 'source'])
        .where(
          'comparison_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('position')
        .execute();
      for (const a of articles) sources.get(a.comparison_id)!.push(a.source);
    }
    return rows.map((r) => ({
      ...toComparison(r),
      articleCount: sources.get(r.id)!.length,
      sources: sources.get(r.id)!,
    }));
  }

  async countComparisons(): Promise<number> {
    const { n } = await this.db
      .selectFrom('comparisons')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async getComparison(id: string): Promise<ComparisonRecord | undefined> {
    const row = await this.db
      .selectFrom('comparisons')
      .select(['id', 'title', 'event_date', 'example', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toComparison(row);
  }

  /**
   * The comparison's revision, or undefined for an unknown id. Every write to
   * the comparison, its articles, dismissals or extra lexicon (by any process
   * on this database) gives it a new, never-repeated revision: see migration 2.
   */
  async getComparisonRevision(id: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('comparisons')
      .select('revision')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && Number(row.revision);
  }

  async createComparison(input: {
    title: string;
    eventDate?: string | null;
    example?: boolean;
  }): Promise<ComparisonRecord> {
    const record: ComparisonRecord = {
      id: newId(),
      title: input.title,
      eventDate: input.eventDate ?? null,
      example: input.example ?? false,
      createdAt: new Date().toISOString(),
    };
    await this.db
      .insertInto('comparisons')
      .values({
        id: record.id,
        title: record.title,
        event_date: record.eventDate,
        example: record.example ? 1 : 0,
        created_at: record.createdAt,
      })
      .execute();
    return record;
  }

  /** Renames a comparison or changes its event date; undefined for an unknown id. */
  async updateComparison(
    id: string,
    patch: { title?: string; eventDate?: string | null },
  ): Promise<ComparisonRecord | undefined> {
    return this.transaction(async (tx) => {
      const current = await tx.getComparison(id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      await tx.db
        .updateTable('comparisons')
        .set({ title: next.title, event_date: next.eventDate })
        .where('id', '=', id)
        .execute();
      return next;
    });
  }

  /** Deletes a comparison with its articles, files, dismissals and cache. */
  async deleteComparison(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('comparisons').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Adds a batch of articles in one transaction: all are stored or none. */
  async addArticles(comparisonId: string, articles: NewArticle[]): Promise<ArticleRecord[]> {
    return this.transaction(async (tx) => {
      // Two uploads to one comparison on a server take turns here, so their positions never collide.
      if (tx.engine === 'postgres')
        await tx.db
          .selectFrom('comparisons')
          .select('id')
          .where('id', '=', comparisonId)
          .forUpdate()
          .execute();
      const { p } = await tx.db
        .selectFrom('articles')
        .select(sql<number>`COALESCE(MAX(position), -1) + 1`.as('p'))
        .where('comparison_id', '=', comparisonId)
        .executeTakeFirstOrThrow();
      let position = Number(p);
      const createdAt = new Date().toISOString();
      const records: ArticleRecord[] = [];
      for (const a of articles) {
        const row: ArticleRow = {
          id: newId(),
          comparison_id: comparisonId,
          position: position++,
          source: a.source,
          title: a.title,
          date: a.date,
          url: a.url ?? null,
          author: a.author ?? null,
          text: a.text,
          body_start: a.bodyStart ?? 0,
          file_name: a.original?.fileName ?? null,
          created_at: createdAt,
        };
        await tx.db.insertInto('articles').values(row).execute();
        if (a.original)
          await tx.db
            .insertInto('original_files')
            .values({
              article_id: row.id,
              file_name: a.original.fileName,
              media_type: a.original.mediaType,
              content: a.original.content,
            })
            .execute();
        records.push(toArticle(row));
      }
      return records;
    });
  }

  async listArticles(comparisonId: string): Promise<ArticleRecord[]> {
    const rows = await this.db
      .selectFrom('articles')
      .selectAll()
      .where('comparison_id', '=', comparisonId)
      .orderBy('position')
      .execute();
    return rows.map(toArticle);
  }

  async getArticle(comparisonId: string, articleId: string): Promise<ArticleRecord | undefined> {
    const row = await this.db
      .selectFrom('articles')
      .selectAll()
      .where('comparison_id', '=', comparisonId)
      .where('id', '=', articleId)
      .executeTakeFirst();
    return row && toArticle(row);
  }

  /** Changes an article's label (source, title, date); its text changes only through {@link updateArticleText}. */
  async updateArticle(
    comparisonId: string,
    articleId: string,
    patch: ArticlePatch,
  ): Promise<ArticleRecord | undefined> {
    return this.transaction(async (tx) => {
      const current = await tx.getArticle(comparisonId, articleId);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      await tx.db
        .updateTable('articles')
        .set({ source: next.source, title: next.title, date: next.date })
        .where('id', '=', articleId)
        .execute();
      return next;
    });
  }

  /**
   * Replaces an article's text (a correction of what extraction produced)
   * and drops its cached analyses, which were of the old text. The original
   * file is kept as it was uploaded.
   */
  async updateArticleText(
    comparisonId: string,
    articleId: string,
    text: string,
  ): Promise<ArticleRecord | undefined> {
    return this.transaction(async (tx) => {
      const current = await tx.getArticle(comparisonId, articleId);
      if (!current) return undefined;
      await tx.db.updateTable('articles').set({ text }).where('id', '=', articleId).execute();
      await tx.db.deleteFrom('analysis_cache').where('article_id', '=', articleId).execute();
      return { ...current, text };
    });
  }

  async deleteArticle(comparisonId: string, articleId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('articles')
      .where('comparison_id', '=', comparisonId)
      .where('id', '=', articleId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async getOriginalFile(articleId: string): Promise<OriginalFile | undefined> {
    const row = await this.db
      .selectFrom('original_files')
      .select(['file_name', 'media_type', 'content'])
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return row && { fileName: row.file_name, mediaType: row.media_type, content: row.content };
  }

  /** Records a dismissed flag; dismissing the same flag twice returns the first record. */
  async addDismissal(comparisonId: string, d: NewDismissal): Promise<DismissalRecord> {
    const record: DismissalRecord = {
      ...d,
      part: d.part ?? 'body',
      id: newId(),
      comparisonId,
      createdAt: new Date().toISOString(),
    };
    await this.db
      .insertInto('dismissals')
      .values(dismissalRow(record))
      .onConflict((oc) => oc.columns(['article_id', 'part', 'kind', 'entry', 'start', 'end']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('dismissals')
      .selectAll()
      .where('article_id', '=', d.articleId)
      .where('part', '=', record.part)
      .where('kind', '=', d.kind)
      .where('entry', '=', d.entry)
      .where('start', '=', d.start)
      .where('end', '=', d.end)
      .executeTakeFirstOrThrow();
    return toDismissal(row);
  }

  async listDismissals(comparisonId: string): Promise<DismissalRecord[]> {
    const rows = await this.db
      .selectFrom('dismissals')
      .selectAll()
      .where('comparison_id', '=', comparisonId)
      .orderBy('created_at')
      .orderBy(sql`rowid`)
      .execute();
    return rows.map(toDismissal);
  }

  /** Moves dismissals to their flags' new offsets after the text was edited, all in one transaction. */
  async moveDismissals(
    comparisonId: string,
    moves: { id: string; start: number; end: number }[],
  ): Promise<void> {
    await this.transaction(async (tx) => {
      const move = (id: string, start: number, end: number) =>
        tx.db
          .updateTable('dismissals')
          .set({ start, end })
          .where('comparison_id', '=', comparisonId)
          .where('id', '=', id)
          .execute();
      // Through offsets no flag has first, so one dismissal never lands on another's old place (a unique key).
      for (const [i, m] of moves.entries()) await move(m.id, -1 - i, -1 - i);
      for (const m of moves) await move(m.id, m.start, m.end);
    });
  }

  async deleteDismissal(comparisonId: string, dismissalId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('dismissals')
      .where('comparison_id', '=', comparisonId)
      .where('id', '=', dismissalId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async getComparisonLexicon(comparisonId: string): Promise<ComparisonLexicon | undefined> {
    const row = await this.db
      .selectFrom('comparison_lexicons')
      .select(['file_name', 'content'])
      .where('comparison_id', '=', comparisonId)
      .executeTakeFirst();
    return row && { fileName: row.file_name, content: row.content };
  }

  /** Sets (or with null removes) the extra lexicon file of one comparison. */
  async setComparisonLexicon(comparisonId: string, lexicon: ComparisonLexicon | null): Promise<void> {
    if (lexicon === null)
      await this.db.deleteFrom('comparison_lexicons').where('comparison_id', '=', comparisonId).execute();
    else
      await this.db
        .insertInto('comparison_lexicons')
        .values({ comparison_id: comparisonId, file_name: lexicon.fileName, content: lexicon.content })
        .onConflict((oc) =>
          oc.column('comparison_id').doUpdateSet((eb) => ({
            file_name: eb.ref('excluded.file_name'),
            content: eb.ref('excluded.content'),
          })),
        )
        .execute();
  }

  /** The cached analysis JSON of an article for one lexicon version, if any. */
  async getCachedAnalysis(articleId: string, lexiconVersion: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('analysis_cache')
      .select('analysis')
      .where('article_id', '=', articleId)
      .where('lexicon_version', '=', lexiconVersion)
      .executeTakeFirst();
    return row?.analysis;
  }

  /**
   * Stores an analysis and drops the article's analyses made with other
   * lexicon versions. An article deleted meanwhile gets none.
   */
  async putCachedAnalysis(articleId: string, lexiconVersion: string, analysis: string): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.db
        .deleteFrom('analysis_cache')
        .where('article_id', '=', articleId)
        .where('lexicon_version', '<>', lexiconVersion)
        .execute();
      await tx.db
        .insertInto('analysis_cache')
        .columns(['article_id', 'lexicon_version', 'analysis'])
        .expression((eb) =>
          eb
            .selectFrom('articles')
            .select([
              'id as article_id',
              eb.val(lexiconVersion).as('lexicon_version'),
              eb.val(analysis).as('analysis'),
            ])
            .where('id', '=', articleId),
        )
        .onConflict((oc) =>
          oc
            .columns(['article_id', 'lexicon_version'])
            .doUpdateSet((eb) => ({ analysis: eb.ref('excluded.analysis') })),
        )
        .execute();
    });
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
  }

  /**
   * Stores `value` under `key` unless the key has a value already, which is
   * kept: of several processes starting at once, the first one's value wins.
   * @returns the value stored under the key
   */
  async initMeta(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.getMeta(key))!;
  }

  /**
   * Runs `fn` in one transaction: everything it writes through the store it
   * is given is kept, or nothing when it throws. On SQLite, other callers
   * wait until it ends (one connection); inside a transaction, a nested one
   * joins it.
   * @param fn - the work, using only the store it is passed
   * @param options - `snapshot`: every read sees the database as at the start (a consistent export)
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>, { snapshot = false } = {}): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    let begin = this.db.transaction();
    // SQLite's transaction reads one snapshot anyway; PostgreSQL's default gives each statement its own.
    if (snapshot && this.engine === 'postgres') begin = begin.setIsolationLevel('repeatable read');
    return begin.execute((trx) => fn(new Store(trx, this.engine)));
  }
}
