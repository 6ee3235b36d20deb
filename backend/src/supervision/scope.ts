import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/roles';
import type { SlaContext } from '../clock/clock';
import type { Database, Executor } from '../db/client';
import { AppError } from '../http/errors';
import { regions } from '../reference/schema';
import type { DayRange } from './figures';
import type { Interval } from './enums';

/**
 * The finance bureau's supervision (市县一体): volumes and rates (overview.ts), 321 compliance
 * (compliance.ts), breaches (breaches.ts) and urges (urges.ts), each within the actor's scope — the
 * city bureau and the admin see the whole city and may narrow it to a county; a county bureau sees
 * its own county and nothing else. Here: that scope, and the period and interval a figure covers.
 */

export interface SupervisionContext {
  db: Database;
  sla: SlaContext;
}

export interface Scope {
  /** The region asked about: the city, or one county. */
  region: string;
  regionName: string;
  /** null = the whole city. */
  county: string | null;
  /** The counties inside the scope, in the city's order. */
  counties: { code: string; name: string }[];
}

export const outOfScope = () => new AppError('FORBIDDEN', [{ path: 'region', message: 'region.outOfScope' }]);

/** Which region the actor may look at, from the `region` asked for (default: all it may see). */
export async function scopeOf(db: Executor, actor: Actor, region: string | undefined): Promise<Scope> {
  if (actor.role === 'bureau' && actor.county !== null && region !== undefined && region !== actor.county) {
    throw outOfScope();
  }
  const all = await db.select().from(regions).orderBy(asc(regions.sortOrder), asc(regions.code));
  const city = all.find((r) => r.level === 'city')!;
  const counties = all.filter((r) => r.level === 'county').map((r) => ({ code: r.code, name: r.name }));
  const asked = region ?? (actor.role === 'bureau' ? actor.county : null) ?? city.code;
  if (asked === city.code) return { region: city.code, regionName: city.name, county: null, counties };
  const county = counties.find((c) => c.code === asked);
  if (!county) throw new AppError('VALIDATION_FAILED', [{ path: 'region', message: 'region.unknown' }]);
  return { region: county.code, regionName: county.name, county: county.code, counties: [county] };
}

export const inCounty = (column: PgColumn, scope: Scope) => (scope.county ? eq(column, scope.county) : undefined);

export function inDays(column: PgColumn, range: DayRange): SQL | undefined {
  return and(range.from ? gte(column, range.from) : undefined, range.to ? lte(column, range.to) : undefined);
}

export const num = (expression: SQL) => expression.mapWith(Number);

export function assertOrdered(query: { from?: string | undefined; to?: string | undefined }) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'from', message: 'period.fromAfterTo' }]);
  }
}

export interface PeriodQuery {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The week (from Monday) or month a day or Shanghai time falls in, as its first day. */
export const bucketOf = (time: PgColumn | SQL, interval: Interval) =>
  // A literal, not a parameter: grouping must see the same expression in select and group by.
  sql<string>`to_char(date_trunc(${sql.raw(`'${interval}'`)}, ${time}), 'YYYY-MM-DD')`;
