import { readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

/**
 * API and worker replicas all migrate at start. drizzle's migrator takes no lock, so on a fresh
 * database concurrent starts would race on CREATE TABLE; openDatabase serialises them with an
 * advisory lock. (PGlite belongs to one process: this runs in the PostgreSQL pass only.)
 */
const onPostgres = process.env.TEST_DATABASE === 'postgres';
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MIGRATION_FILES = readdirSync(fileURLToPath(new URL('../../drizzle', import.meta.url))).filter((f) =>
  f.endsWith('.sql'),
);
const STARTING_TOGETHER = 4;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('migrations at start', () => {
  it.skipIf(!onPostgres)('lets several processes migrate one fresh database at once, each migration once', async () => {
    const name = `lcfin_test_migrate_${randomBytes(6).toString('hex')}`;
    await withClient(ADMIN_URL, (c) => c.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    try {
      const opened = await Promise.allSettled(
        Array.from({ length: STARTING_TOGETHER }, () => openDatabase({ databaseUrl: url.toString(), pgliteDir: '' })),
      );
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.close() : undefined)));
      expect(opened.filter((o) => o.status === 'rejected')).toEqual([]);

      const applied = await withClient(url.toString(), (c) => c.query('select hash from drizzle.__drizzle_migrations'));
      expect(applied.rows).toHaveLength(MIGRATION_FILES.length);
    } finally {
      await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`));
    }
  });
});
