/**
 * Schema migrations, applied in order and recorded in `schema_migrations`.
 * Append new migrations; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'comparisons, articles, original files, dismissals, analysis cache',
    sql: `
      CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        event_date TEXT,
        example INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        title TEXT,
        date TEXT,
        url TEXT,
        author TEXT,
        text TEXT NOT NULL,
        body_start INTEGER NOT NULL DEFAULT 0,
        file_name TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX articles_by_comparison ON articles(comparison_id, position);
      CREATE TABLE original_files (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        media_type TEXT,
        content BLOB NOT NULL
      );
      CREATE TABLE dismissals (
        id TEXT PRIMARY KEY,
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        entry TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (article_id, kind, entry, start, end)
      );
      CREATE INDEX dismissals_by_comparison ON dismissals(comparison_id);
      CREATE TABLE comparison_lexicons (
        comparison_id TEXT PRIMARY KEY REFERENCES comparisons(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        content TEXT NOT NULL
      );
      CREATE TABLE analysis_cache (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        lexicon_version TEXT NOT NULL,
        analysis TEXT NOT NULL,
        PRIMARY KEY (article_id, lexicon_version)
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];

/**
 * Brings a database to the latest schema, each migration in its own transaction.
 * @param db - an open database
 * @returns the versions applied now
 */
export function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
