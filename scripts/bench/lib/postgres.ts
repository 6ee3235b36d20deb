import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { redactUrl } from './config';
import { randomTag } from './random-tag';

/** The part of a SQL connection the suites need; pg and PGlite both provide it. */
export interface SqlClient {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Row[] }>;
}

interface BenchDatabaseBase extends SqlClient {
  /** Runs fn between BEGIN and COMMIT on one connection; rolls back and rethrows if fn throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

export interface PostgresBenchDatabase extends BenchDatabaseBase {
  engine: 'postgres';
  /** URL of the throwaway database, e.g. for a backend started as a child process. */
  url: string;
  pool: pg.Pool;
}

/** In-memory fallback: one connection, so concurrent transactions run one after another. */
export interface PgliteBenchDatabase extends BenchDatabaseBase {
  engine: 'pglite';
  pglite: PGlite;
}

export type BenchDatabase = PostgresBenchDatabase | PgliteBenchDatabase;

const CONNECT_TIMEOUT_MS = 3_000;

export async function withPostgres<T>(
  serverUrl: string,
  fn: (db: BenchDatabase) => Promise<T>,
  options: { poolSize: number; note: (text: string) => void },
): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A dropped idle connection must not crash the run; the DROP below reports it instead.
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    // A server that answered (bad password, missing database) is a misconfiguration, not an outage.
    if (error instanceof pg.DatabaseError) throw error;
    options.note(
      `PostgreSQL at ${redactUrl(serverUrl)} was unreachable (${(error as Error).message}); ` +
        'ran on in-memory PGlite instead (single connection) — not comparable with server numbers.',
    );
    return withPglite(fn);
  }

  const name = `bench_${randomTag()}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = databaseUrl(serverUrl, name);
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize });
    pool.on('error', () => undefined);
    try {
      return await fn(postgresDatabase(url, pool));
    } finally {
      await pool.end();
    }
  } finally {
    // FORCE: connections a suite leaked (or a killed child server left) must not keep the database alive.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function postgresDatabase(url: string, pool: pg.Pool): PostgresBenchDatabase {
  return {
    engine: 'postgres',
    url,
    pool,
    query: (text, params) => pool.query(text, params),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        client.release(broken);
      }
    },
  };
}

async function withPglite<T>(fn: (db: BenchDatabase) => Promise<T>): Promise<T> {
  // Loaded only here: the WebAssembly build costs startup time that server runs should not pay.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite();
  try {
    return await fn({
      engine: 'pglite',
      pglite,
      query: (text, params) => pglite.query(text, params),
      transaction: (work) => pglite.transaction((tx) => work(tx)),
    });
  } finally {
    await pglite.close();
  }
}
