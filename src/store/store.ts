/**
 * The embedded database: comparisons, their articles with the original
 * files, dismissed flags, per-comparison lexicons and the analysis cache.
 * SQLite in WAL mode through better-sqlite3; every write that belongs
 * together (an upload batch, a deletion) runs in one transaction.
 *
 * The interface is asynchronous, so that a database server can stand behind
 * it: open a store with {@link openStore}, await every method, and run writes
 * that belong together through {@link Store.transaction}, using the store it
 * passes (the outer one waits until the transaction ends).
 */
import type { ArticleInput } from '../core/types';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

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

export interface DismissalRecord {
  id: string;
  comparisonId: string;
  articleId: string;
  /** The lexicon kind of the flag, or `scare-quotes`. */
  kind: string;
  entry: string;
  start: number;
  end: number;
  text: string;
  createdAt: string;
}

export type NewDismissal = Omit<DismissalRecord, 'id' | 'comparisonId' | 'createdAt'>;

export interface ComparisonLexicon {
  fileName: string;
  content: string;
}

export interface OriginalFile {
  fileName: string;
  mediaType: string | null;
  content: Buffer;
}

interface ArticleRow {
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
}

interface ComparisonRow {
  id: string;
  title: string;
  event_date: string | null;
  example: number;
  created_at: string;
}

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

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Opens (and creates or migrates) the database.
 * @param file - the database file, or `:memory:`
 */
export function openStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL sync: an acknowledged upload survives power loss, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return Promise.resolve(new Store(db, { current: null }));
}

/** The transaction in progress on one database, which every other caller waits for. */
interface TransactionGate {
  current: Promise<unknown> | null;
}

export class Store {
  /**
   * @param db - the open database
   * @param gate - the transaction in progress; null for the store a transaction passes, which runs at once
   */
  constructor(
    readonly db: Database.Database,
    private readonly gate: TransactionGate | null,
  ) {}

  close(): Promise<void> {
    return this.run(() => void this.db.close());
  }

  /**
   * Runs `work` once no transaction runs (the store inside one never waits):
   * the last check and the work in one turn of the event loop, so no
   * transaction can begin in between and take the work in.
   */
  private async run<T>(work: () => T): Promise<T> {
    while (this.gate?.current) await this.gate.current.catch(() => undefined);
    return work();
  }

  /** Lists comparisons, newest first; `query` matches the title or any article's source. */
  listComparisons(query = ''): Promise<ComparisonSummary[]> {
    return this.run(() => {
      const q = query.trim();
      const rows = this.db
        .prepare(
          `SELECT c.*, (SELECT COUNT(*) FROM articles a WHERE a.comparison_id = c.id) AS article_count,
                  (SELECT group_concat(source, char(31)) FROM (SELECT source FROM articles a WHERE a.comparison_id = c.id ORDER BY position)) AS sources
             FROM comparisons c
            WHERE ? = '' OR c.title LIKE ? ESCAPE '\\'
               OR EXISTS (SELECT 1 FROM articles a WHERE a.comparison_id = c.id AND a.source LIKE ? ESCAPE '\\')
            ORDER BY c.example ASC, c.created_at DESC, c.rowid DESC`,
        )
        .all(q, likePattern(q), likePattern(q)) as (ComparisonRow & {
        article_count: number;
        sources: string | null;
      })[];
      return rows.map((r) => ({
        ...toComparison(r),
        articleCount: r.article_count,
        sources: r.sources ? r.sources.split('\u001f') : [],
      }));
    });
  }

  countComparisons(): Promise<number> {
    return this.run(() => {
      return (this.db.prepare('SELECT COUNT(*) AS n FROM comparisons').get() as { n: number }).n;
    });
  }

  getComparison(id: string): Promise<ComparisonRecord | undefined> {
    return this.run(() => {
      const row = this.db.prepare('SELECT * FROM comparisons WHERE id = ?').get(id) as
        ComparisonRow | undefined;
      return row && toComparison(row);
    });
  }

  /**
   * The comparison's revision, or undefined for an unknown id. Every write to
   * the comparison, its articles, dismissals or extra lexicon (by any process
   * on this database) gives it a new, never-repeated revision: see migration 2.
   */
  getComparisonRevision(id: string): Promise<number | undefined> {
    return this.run(() => {
      this.revisionQuery ??= this.db.prepare('SELECT revision FROM comparisons WHERE id = ?').pluck();
      return this.revisionQuery.get(id) as number | undefined;
    });
  }

  /** Prepared once: read on every request for a comparison. */
  private revisionQuery: Database.Statement | undefined;

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
    return this.run(() => {
      this.db
        .prepare(
          'INSERT INTO comparisons (id, title, event_date, example, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(record.id, record.title, record.eventDate, record.example ? 1 : 0, record.createdAt);
      return record;
    });
  }

  /** Renames a comparison or changes its event date; undefined for an unknown id. */
  async updateComparison(
    id: string,
    patch: { title?: string; eventDate?: string | null },
  ): Promise<ComparisonRecord | undefined> {
    return this.run(() => {
      const row = this.db.prepare('SELECT * FROM comparisons WHERE id = ?').get(id) as
        ComparisonRow | undefined;
      if (!row) return undefined;
      const next = { ...toComparison(row), ...patch };
      this.db
        .prepare('UPDATE comparisons SET title = ?, event_date = ? WHERE id = ?')
        .run(next.title, next.eventDate, id);
      return next;
    });
  }

  /** Deletes a comparison with its articles, files, dismissals and cache. */
  deleteComparison(id: string): Promise<boolean> {
    return this.run(() => {
      return this.db.prepare('DELETE FROM comparisons WHERE id = ?').run(id).changes > 0;
    });
  }

  /** Adds a batch of articles in one transaction: all are stored or none. */
  addArticles(comparisonId: string, articles: NewArticle[]): Promise<ArticleRecord[]> {
    return this.run(() => {
      const insertArticle = this.db.prepare(
        `INSERT INTO articles (id, comparison_id, position, source, title, date, url, author, text, body_start, file_name, created_at)
         VALUES (@id, @comparison_id, @position, @source, @title, @date, @url, @author, @text, @body_start, @file_name, @created_at)`,
      );
      const insertFile = this.db.prepare(
        'INSERT INTO original_files (article_id, file_name, media_type, content) VALUES (?, ?, ?, ?)',
      );
      const nextPosition = this.db.prepare(
        'SELECT COALESCE(MAX(position), -1) + 1 AS p FROM articles WHERE comparison_id = ?',
      );
      return this.db.transaction(() => {
        let position = (nextPosition.get(comparisonId) as { p: number }).p;
        const createdAt = new Date().toISOString();
        return articles.map((a) => {
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
          insertArticle.run(row);
          if (a.original)
            insertFile.run(row.id, a.original.fileName, a.original.mediaType, a.original.content);
          return toArticle(row);
        });
      })();
    });
  }

  listArticles(comparisonId: string): Promise<ArticleRecord[]> {
    return this.run(() => {
      return (
        this.db
          .prepare('SELECT * FROM articles WHERE comparison_id = ? ORDER BY position')
          .all(comparisonId) as ArticleRow[]
      ).map(toArticle);
    });
  }

  getArticle(comparisonId: string, articleId: string): Promise<ArticleRecord | undefined> {
    return this.run(() => this.articleNow(comparisonId, articleId));
  }

  private articleNow(comparisonId: string, articleId: string): ArticleRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM articles WHERE comparison_id = ? AND id = ?')
      .get(comparisonId, articleId) as ArticleRow | undefined;
    return row && toArticle(row);
  }

  /** Changes an article's label (source, title, date); its text changes only through {@link updateArticleText}. */
  async updateArticle(
    comparisonId: string,
    articleId: string,
    patch: ArticlePatch,
  ): Promise<ArticleRecord | undefined> {
    return this.run(() => {
      const current = this.articleNow(comparisonId, articleId);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      this.db
        .prepare('UPDATE articles SET source = ?, title = ?, date = ? WHERE id = ?')
        .run(next.source, next.title, next.date, articleId);
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
    return this.run(() => {
      const current = this.articleNow(comparisonId, articleId);
      if (!current) return undefined;
      this.db.transaction(() => {
        this.db.prepare('UPDATE articles SET text = ? WHERE id = ?').run(text, articleId);
        this.db.prepare('DELETE FROM analysis_cache WHERE article_id = ?').run(articleId);
      })();
      return { ...current, text };
    });
  }

  deleteArticle(comparisonId: string, articleId: string): Promise<boolean> {
    return this.run(() => {
      return (
        this.db
          .prepare('DELETE FROM articles WHERE comparison_id = ? AND id = ?')
          .run(comparisonId, articleId).changes > 0
      );
    });
  }

  getOriginalFile(articleId: string): Promise<OriginalFile | undefined> {
    return this.run(() => {
      const row = this.db
        .prepare('SELECT file_name, media_type, content FROM original_files WHERE article_id = ?')
        .get(articleId) as { file_name: string; media_type: string | null; content: Buffer } | undefined;
      return row && { fileName: row.file_name, mediaType: row.media_type, content: row.content };
    });
  }

  /** Records a dismissed flag; dismissing the same flag twice returns the first record. */
  addDismissal(comparisonId: string, d: NewDismissal): Promise<DismissalRecord> {
    return this.run(() => {
      const record: DismissalRecord = {
        ...d,
        id: newId(),
        comparisonId,
        createdAt: new Date().toISOString(),
      };
      this.db
        .prepare(
          `INSERT INTO dismissals (id, comparison_id, article_id, kind, entry, start, end, text, created_at)
           VALUES (@id, @comparisonId, @articleId, @kind, @entry, @start, @end, @text, @createdAt)
           ON CONFLICT (article_id, kind, entry, start, end) DO NOTHING`,
        )
        .run(record);
      const row = this.db
        .prepare(
          'SELECT * FROM dismissals WHERE article_id = ? AND kind = ? AND entry = ? AND start = ? AND end = ?',
        )
        .get(d.articleId, d.kind, d.entry, d.start, d.end) as Record<string, unknown>;
      return this.toDismissal(row);
    });
  }

  listDismissals(comparisonId: string): Promise<DismissalRecord[]> {
    return this.run(() => {
      return (
        this.db
          .prepare('SELECT * FROM dismissals WHERE comparison_id = ? ORDER BY created_at, rowid')
          .all(comparisonId) as Record<string, unknown>[]
      ).map((r) => this.toDismissal(r));
    });
  }

  /** Moves dismissals to their flags' new offsets after the text was edited, all in one transaction. */
  moveDismissals(comparisonId: string, moves: { id: string; start: number; end: number }[]): Promise<void> {
    return this.run(() => {
      const move = this.db.prepare(
        'UPDATE dismissals SET start = ?, end = ? WHERE comparison_id = ? AND id = ?',
      );
      this.db.transaction(() => {
        // Through offsets no flag has first, so one dismissal never lands on another's old place (a unique key).
        moves.forEach((m, i) => move.run(-1 - i, -1 - i, comparisonId, m.id));
        for (const m of moves) move.run(m.start, m.end, comparisonId, m.id);
      })();
    });
  }

  deleteDismissal(comparisonId: string, dismissalId: string): Promise<boolean> {
    return this.run(() => {
      return (
        this.db
          .prepare('DELETE FROM dismissals WHERE comparison_id = ? AND id = ?')
          .run(comparisonId, dismissalId).changes > 0
      );
    });
  }

  private toDismissal(r: Record<string, unknown>): DismissalRecord {
    return {
      id: r.id as string,
      comparisonId: r.comparison_id as string,
      articleId: r.article_id as string,
      kind: r.kind as string,
      entry: r.entry as string,
      start: r.start as number,
      end: r.end as number,
      text: r.text as string,
      createdAt: r.created_at as string,
    };
  }

  getComparisonLexicon(comparisonId: string): Promise<ComparisonLexicon | undefined> {
    return this.run(() => {
      const row = this.db
        .prepare('SELECT file_name, content FROM comparison_lexicons WHERE comparison_id = ?')
        .get(comparisonId) as { file_name: string; content: string } | undefined;
      return row && { fileName: row.file_name, content: row.content };
    });
  }

  /** Sets (or with null removes) the extra lexicon file of one comparison. */
  setComparisonLexicon(comparisonId: string, lexicon: ComparisonLexicon | null): Promise<void> {
    return this.run(() => {
      if (lexicon === null)
        this.db.prepare('DELETE FROM comparison_lexicons WHERE comparison_id = ?').run(comparisonId);
      else
        this.db
          .prepare(
            'INSERT INTO comparison_lexicons (comparison_id, file_name, content) VALUES (?, ?, ?) ON CONFLICT (comparison_id) DO UPDATE SET file_name = excluded.file_name, content = excluded.content',
          )
          .run(comparisonId, lexicon.fileName, lexicon.content);
    });
  }

  /** The cached analysis JSON of an article for one lexicon version, if any. */
  getCachedAnalysis(articleId: string, lexiconVersion: string): Promise<string | undefined> {
    return this.run(() => {
      const row = this.db
        .prepare('SELECT analysis FROM analysis_cache WHERE article_id = ? AND lexicon_version = ?')
        .get(articleId, lexiconVersion) as { analysis: string } | undefined;
      return row?.analysis;
    });
  }

  /** Stores an analysis and drops the article's analyses made with other lexicon versions. */
  putCachedAnalysis(articleId: string, lexiconVersion: string, analysis: string): Promise<void> {
    return this.run(() => {
      this.db.transaction(() => {
        this.db
          .prepare('DELETE FROM analysis_cache WHERE article_id = ? AND lexicon_version <> ?')
          .run(articleId, lexiconVersion);
        this.db
          .prepare(
            'INSERT OR REPLACE INTO analysis_cache (article_id, lexicon_version, analysis) VALUES (?, ?, ?)',
          )
          .run(articleId, lexiconVersion, analysis);
      })();
    });
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.run(() => {
      return (
        this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
      )?.value;
    });
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.run(() => {
      this.db
        .prepare(
          'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
    });
  }

  /**
   * Stores `value` under `key` unless the key has a value already, which is
   * kept: of several processes starting at once, the first one's value wins.
   * @returns the value stored under the key
   */
  initMeta(key: string, value: string): Promise<string> {
    return this.run(() => {
      this.db
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
        .run(key, value);
      return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }).value;
    });
  }

  /**
   * Runs `fn` in one transaction: everything it writes through the store it
   * is given is kept, or nothing when it throws. Other callers of this store
   * wait until it ends; inside a transaction, a nested one joins it.
   * @param fn - the work, using only the store it is passed
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const gate = this.gate;
    if (!gate) return fn(this);
    // Checked again after every wait, and claimed in the same turn.
    while (gate.current) await gate.current.catch(() => undefined);
    const inside = new Store(this.db, null);
    const run = (async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(inside);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      }
    })();
    gate.current = run;
    try {
      return await run;
    } finally {
      gate.current = null;
    }
  }
}
