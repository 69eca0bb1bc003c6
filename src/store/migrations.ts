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
  {
    version: 2,
    description: 'comparison revisions, bumped by triggers on every write to a comparison',
    // A revision comes from one clock for the whole database, not a counter per
    // comparison: a comparison deleted and restored under the same id (backup
    // import with replace) then never repeats a revision a cache has seen.
    // Triggers, not the store's methods, bump it, so every writer (the store,
    // the backup import, another process on the same file) invalidates caches.
    sql: `
      ALTER TABLE comparisons ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE revision_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL
      );
      INSERT INTO revision_clock (id, value) VALUES (1, 0);
${revisionTriggers()}
    `,
  },
];

/** The SQL that moves the clock on and stamps the comparison(s) `ids` with it. */
function bump(ids: string): string {
  return `UPDATE revision_clock SET value = value + 1 WHERE id = 1;
        UPDATE comparisons SET revision = (SELECT value FROM revision_clock WHERE id = 1) WHERE id IN (${ids});`;
}

/** Triggers that bump a comparison's revision whenever it or anything it holds changes. */
function revisionTriggers(): string {
  const triggers: [name: string, event: string, ids: string][] = [
    ['comparisons_revision_insert', 'AFTER INSERT ON comparisons', 'NEW.id'],
    ['comparisons_revision_update', 'AFTER UPDATE OF title, event_date, example ON comparisons', 'NEW.id'],
    ['articles_revision_insert', 'AFTER INSERT ON articles', 'NEW.comparison_id'],
    ['articles_revision_update', 'AFTER UPDATE ON articles', 'OLD.comparison_id, NEW.comparison_id'],
    ['articles_revision_delete', 'AFTER DELETE ON articles', 'OLD.comparison_id'],
    ['dismissals_revision_insert', 'AFTER INSERT ON dismissals', 'NEW.comparison_id'],
    ['dismissals_revision_update', 'AFTER UPDATE ON dismissals', 'OLD.comparison_id, NEW.comparison_id'],
    ['dismissals_revision_delete', 'AFTER DELETE ON dismissals', 'OLD.comparison_id'],
    ['comparison_lexicons_revision_insert', 'AFTER INSERT ON comparison_lexicons', 'NEW.comparison_id'],
    [
      'comparison_lexicons_revision_update',
      'AFTER UPDATE ON comparison_lexicons',
      'OLD.comparison_id, NEW.comparison_id',
    ],
    ['comparison_lexicons_revision_delete', 'AFTER DELETE ON comparison_lexicons', 'OLD.comparison_id'],
  ];
  return triggers
    .map(
      ([name, event, ids]) => `      CREATE TRIGGER ${name} ${event} BEGIN
        ${bump(ids)}
      END;`,
    )
    .join('\n');
}

/**
 * Brings a database to the latest schema, each migration in its own transaction.
 * @param db - an open database
 * @returns the versions applied now
 */
export function migrate(db: Database.Database): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        new Date().toISOString(),
      );
    })();
    applied.push(m.version);
  }
  return applied;
}
