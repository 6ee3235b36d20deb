/**
 * How the seed writes: many rows per statement, letting the rest of the process breathe between
 * them, and its generated accounts numbered on from the highest of their series.
 */
import { getTableColumns, sql, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import type { Tx } from '../db/client';
import { seedUsernamePrefix, type SeedAccountSeries } from './people';

/**
 * Lets the rest of the process run (timers, sockets) between statements: PGlite answers within the
 * same JavaScript turn, so a seed in a process that also serves would otherwise hold it all up.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The highest number among the seed's accounts of a series (0 when there are none). */
export async function lastSeedNumber(tx: Tx, series: SeedAccountSeries): Promise<number> {
  const prefix = seedUsernamePrefix(series);
  const [row] = await tx
    .select({ n: sql<string | null>`max(substring(${users.username} from ${prefix.length + 1}::int)::int)` })
    .from(users)
    .where(sql`${users.username} ~ ${`^${prefix.replaceAll('.', '\\.')}[0-9]+$`}`);
  return Number(row?.n ?? 0);
}

/** Rows per bulk INSERT: its parameters are one array per column, so this only bounds a statement's size. */
export const BULK_ROWS = 1_000;

/**
 * One INSERT … SELECT FROM unnest(…) per chunk, with one array parameter per column however many
 * rows: the fastest multi-row insert that PostgreSQL and PGlite take alike (COPY needs each driver's
 * own streaming API). Rows keep their order, so a serial id follows it. Columns no row sets get
 * their defaults; array columns cannot be unnested this way.
 */
export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly InferInsertModel<T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const chunk = rows.slice(i, i + BULK_ROWS) as Record<string, unknown>[];
    const columns = Object.entries(getTableColumns(table)).filter(([key]) => chunk.some((r) => r[key] !== undefined));
    const arrays = columns.map(([key, column]) => {
      const values = chunk.map((r) => (r[key] == null ? null : column.mapToDriverValue(r[key])));
      return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
    });
    await breathe();
    await tx.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}
