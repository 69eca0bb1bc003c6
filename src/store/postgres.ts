/**
 * The PostgreSQL side of the store: a pool of connections to the server a
 * URL names, and the migrations run on it. In a module of its own so that
 * a test run without a PostgreSQL server leaves it out of the coverage
 * figures (jest.config.js), as it leaves out the suites that run it.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { CREATE_MIGRATIONS_TABLE, MIGRATIONS } from './migrations';

/**
 * Connects to the database, migrates it, and returns the query builder on it.
 * @param url - a `postgres://` URL
 */
export async function openPostgres<Schema>(url: string): Promise<Kysely<Schema>> {
  const pool = new Pool({ connectionString: url });
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw new Error(`framelens store: cannot open the PostgreSQL database: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Brings a PostgreSQL schema (the connection's search path) to the latest
 * version in one transaction, under an advisory lock named after the schema:
 * instances starting together take turns, and the later ones apply nothing.
 * @param pool - connections to the database
 * @returns the versions applied now
 */
export async function migratePostgres(pool: Pool): Promise<number[]> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('framelens:' || current_schema()))");
      await client.query(CREATE_MIGRATIONS_TABLE);
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query(m.sql.postgres);
        await client.query(
          'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
          [m.version, m.description, new Date().toISOString()],
        );
        applied.push(m.version);
      }
      await client.query('COMMIT');
      return applied;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  } finally {
    client.release();
  }
}
