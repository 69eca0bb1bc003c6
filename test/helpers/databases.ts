/**
 * The databases the store's tests run on: a fresh SQLite file, or a fresh
 * schema on the PostgreSQL server named by FRAMELENS_TEST_POSTGRES_URL, so
 * test files running at once never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { MIGRATIONS, type Schema, type Store } from '../../src/store';
import { CREATE_MIGRATIONS_TABLE } from '../../src/store/migrations';

/** A database location for {@link openStore}, and how to remove it afterwards. */
export interface TestDatabase {
  location: string;
  drop(): Promise<void>;
}

/** A new SQLite file in a temporary folder. */
export function freshSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-store-'));
  return Promise.resolve({
    location: path.join(dir, 'framelens.db'),
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}

/** The test server's URL, or a failure that says how to provide one. */
export function testPostgresUrl(): string {
  const url = process.env.FRAMELENS_TEST_POSTGRES_URL?.trim();
  if (!url)
    throw new Error(
      'FRAMELENS_TEST_POSTGRES_URL is not set: point it at a PostgreSQL server the tests may create schemas on, e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  return url;
}

/**
 * A new, empty schema on the test server; the URL returned makes every
 * connection use it (its search path), as a deployment's own URL could.
 * @param label - names the schema after the test file, for whoever looks at the server
 */
export async function freshPostgres(label: string): Promise<TestDatabase> {
  const server = testPostgresUrl();
  const schema = `test_${label.replace(/\W+/g, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    location: url.toString(),
    async drop() {
      const admin = new Client({ connectionString: server });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** How many rows a table holds, on either engine. */
export async function countRows(store: Store, table: keyof Schema): Promise<number> {
  const { n } = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Brings a test database to an older schema, as a release before `version`
 * left it, so a test can write rows of that release and migrate them on.
 * @param database - the test's database
 * @param engine - which engine it is on
 * @param version - the last migration to apply
 * @param rows - SQL that writes rows as that release did
 */
export async function migrateUpTo(
  database: TestDatabase,
  engine: Store['engine'],
  version: number,
  rows: string,
): Promise<void> {
  const older = MIGRATIONS.filter((m) => m.version <= version);
  const record = 'INSERT INTO schema_migrations (version, description, applied_at) VALUES';
  const script = [
    CREATE_MIGRATIONS_TABLE,
    ...older.map((m) => `${m.sql[engine]};\n${record} (${m.version}, 'test', '2020-01-01T00:00:00Z')`),
    rows,
  ].join(';\n');
  if (engine === 'sqlite') {
    const db = new Database(database.location);
    try {
      db.exec(script);
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: database.location });
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}
