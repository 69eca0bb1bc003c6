/**
 * Schema migrations, applied in order and recorded in `schema_migrations`.
 * Append new migrations; never edit one that has shipped. Each migration is
 * written once per engine (SQLite and PostgreSQL differ in types, triggers and
 * the implicit rowid), with the same version, tables and columns in both.
 * They run at start-up under a lock, so several instances may start at once:
 * SQLite's write lock (an immediate transaction), or on PostgreSQL an
 * advisory lock for the schema, held by the transaction that migrates.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: { sqlite: string; postgres: string };
}

/** A revision trigger: its name, its event, and the comparison ids it bumps. */
type RevisionTrigger = [name: string, event: string, ids: string];

/** The dismissals' revision triggers (migration 3 makes them again on the rebuilt table). */
const DISMISSAL_TRIGGERS: RevisionTrigger[] = [
  ['dismissals_revision_insert', 'AFTER INSERT ON dismissals', 'NEW.comparison_id'],
  ['dismissals_revision_update', 'AFTER UPDATE ON dismissals', 'OLD.comparison_id, NEW.comparison_id'],
  ['dismissals_revision_delete', 'AFTER DELETE ON dismissals', 'OLD.comparison_id'],
];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'comparisons, articles, original files, dismissals, analysis cache',
    sql: {
      sqlite: `
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
      // SQLite's implicit rowid orders rows of equal creation time by insertion: an identity column does it here.
      postgres: `
      CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        event_date TEXT,
        example INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        rowid BIGINT GENERATED ALWAYS AS IDENTITY
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
        content BYTEA NOT NULL
      );
      CREATE TABLE dismissals (
        id TEXT PRIMARY KEY,
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        entry TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        rowid BIGINT GENERATED ALWAYS AS IDENTITY,
        UNIQUE (article_id, kind, entry, start, "end")
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
  },
  {
    version: 2,
    description: 'comparison revisions, bumped by triggers on every write to a comparison',
    // A revision comes from one clock for the whole database, not a counter per
    // comparison: a comparison deleted and restored under the same id (backup
    // import with replace) then never repeats a revision a cache has seen.
    // Triggers, not the store's methods, bump it, so every writer (the store,
    // the backup import, another process on the same file) invalidates caches.
    sql: {
      sqlite: `
      ALTER TABLE comparisons ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE revision_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL
      );
      INSERT INTO revision_clock (id, value) VALUES (1, 0);
${revisionTriggers()}
    `,
      // The clock is a sequence: its next value is never handed out twice, whichever transaction commits first.
      postgres: `
      ALTER TABLE comparisons ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
      CREATE SEQUENCE revision_clock;
${postgresRevisionTriggers()}
    `,
    },
  },
  {
    version: 3,
    description: "dismissals of headline flags: a part ('body' or 'headline') in the dismissal's unique key",
    // A headline flag has offsets into the title, so the same kind, entry and
    // offsets may name a body flag too: the part tells them apart. SQLite
    // cannot change a table's unique key in place, so the table is rebuilt
    // (dropping it drops its revision triggers, which are made again).
    sql: {
      sqlite: `
      CREATE TABLE dismissals_with_part (
        id TEXT PRIMARY KEY,
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        part TEXT NOT NULL DEFAULT 'body' CHECK (part IN ('body', 'headline')),
        kind TEXT NOT NULL,
        entry TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (article_id, part, kind, entry, start, end)
      );
      INSERT INTO dismissals_with_part (rowid, id, comparison_id, article_id, kind, entry, start, end, text, created_at)
        SELECT rowid, id, comparison_id, article_id, kind, entry, start, end, text, created_at FROM dismissals;
      DROP TABLE dismissals;
      ALTER TABLE dismissals_with_part RENAME TO dismissals;
      CREATE INDEX dismissals_by_comparison ON dismissals(comparison_id);
${revisionTriggers(DISMISSAL_TRIGGERS)}
    `,
      postgres: `
      ALTER TABLE dismissals ADD COLUMN part TEXT NOT NULL DEFAULT 'body' CHECK (part IN ('body', 'headline'));
      ALTER TABLE dismissals DROP CONSTRAINT dismissals_article_id_kind_entry_start_end_key;
      ALTER TABLE dismissals ADD CONSTRAINT dismissals_article_part_flag_key UNIQUE (article_id, part, kind, entry, start, "end");
    `,
    },
  },
];

/** The SQL that moves the clock on and stamps the comparison(s) `ids` with it. */
function bump(ids: string): string {
  return `UPDATE revision_clock SET value = value + 1 WHERE id = 1;
        UPDATE comparisons SET revision = (SELECT value FROM revision_clock WHERE id = 1) WHERE id IN (${ids});`;
}

/**
 * Triggers that bump a comparison's revision whenever it or anything it holds changes.
 * @param only - just these triggers (default: those of every table)
 */
function revisionTriggers(only?: RevisionTrigger[]): string {
  const triggers: RevisionTrigger[] = only ?? [
    ['comparisons_revision_insert', 'AFTER INSERT ON comparisons', 'NEW.id'],
    ['comparisons_revision_update', 'AFTER UPDATE OF title, event_date, example ON comparisons', 'NEW.id'],
    ['articles_revision_insert', 'AFTER INSERT ON articles', 'NEW.comparison_id'],
    ['articles_revision_update', 'AFTER UPDATE ON articles', 'OLD.comparison_id, NEW.comparison_id'],
    ['articles_revision_delete', 'AFTER DELETE ON articles', 'OLD.comparison_id'],
    ...DISMISSAL_TRIGGERS,
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
 * The same triggers on PostgreSQL: a comparison stamps itself before it is
 * inserted or edited; a write to anything it holds stamps it afterwards.
 */
function postgresRevisionTriggers(): string {
  const children = ['articles', 'dismissals', 'comparison_lexicons'];
  return `
      CREATE FUNCTION framelens_stamp_comparison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.revision := nextval('revision_clock');
        RETURN NEW;
      END $$;
      CREATE FUNCTION framelens_stamp_parent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE comparisons SET revision = nextval('revision_clock') WHERE id = OLD.comparison_id;
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.comparison_id IS DISTINCT FROM OLD.comparison_id) THEN
          UPDATE comparisons SET revision = nextval('revision_clock') WHERE id = NEW.comparison_id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER comparisons_revision_insert BEFORE INSERT ON comparisons
        FOR EACH ROW EXECUTE FUNCTION framelens_stamp_comparison();
      CREATE TRIGGER comparisons_revision_update BEFORE UPDATE OF title, event_date, example ON comparisons
        FOR EACH ROW EXECUTE FUNCTION framelens_stamp_comparison();
${children
  .map(
    (table) => `      CREATE TRIGGER ${table}_revision AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION framelens_stamp_parent();`,
  )
  .join('\n')}`;
}

export const CREATE_MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)';

/**
 * Brings an SQLite database to the latest schema in one immediate
 * transaction, which holds the database's write lock: another process
 * starting at the same time waits, then finds nothing left to do.
 * @param db - an open database
 * @returns the versions applied now
 */
export function migrate(db: Database.Database): number[] {
  return db
    .transaction(() => {
      db.exec(CREATE_MIGRATIONS_TABLE);
      const done = new Set(
        (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
          (r) => r.version,
        ),
      );
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        db.exec(m.sql.sqlite);
        db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.description,
          new Date().toISOString(),
        );
        applied.push(m.version);
      }
      return applied;
    })
    .immediate();
}
