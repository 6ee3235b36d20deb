import { and, asc, eq, gte, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { loanRequests } from '../requests/schema';
import type { TimerKind } from './breaches';
import { slaStages } from './schema';

export interface PendingTimer {
  kind: TimerKind;
  /** The stage id (remind, breach) or the request id (exclusive-end). */
  id: string;
  at: string;
}

interface Source {
  kind: TimerKind;
  table: typeof slaStages | typeof loanRequests;
  id: typeof slaStages.id | typeof loanRequests.id;
  at: typeof slaStages.dueAt | typeof slaStages.remindAt | typeof loanRequests.exclusiveUntil;
  pending: SQL | undefined;
}

/** Breaches first, as they escalate and alert; then reminders, then the ends of exclusive hours. */
const SOURCES: Source[] = [
  {
    kind: 'breach',
    table: slaStages,
    id: slaStages.id,
    at: slaStages.dueAt,
    pending: and(isNull(slaStages.completedAt), isNull(slaStages.breachedAt)),
  },
  {
    kind: 'remind',
    table: slaStages,
    id: slaStages.id,
    at: slaStages.remindAt,
    pending: and(isNull(slaStages.completedAt), isNull(slaStages.remindedAt)),
  },
  {
    kind: 'exclusive-end',
    table: loanRequests,
    id: loanRequests.id,
    at: loanRequests.exclusiveUntil,
    pending: and(
      eq(loanRequests.status, 'open'),
      eq(loanRequests.poolTier, 'exclusive'),
      isNotNull(loanRequests.exclusiveUntil),
    ),
  },
];

/**
 * Every timer the database still expects to fire — due or not — in pages of `pageSize`, each
 * kind soonest first: what a Redis that lost its timers needs again.
 */
export async function* pendingTimers(db: Database, pageSize: number): AsyncGenerator<PendingTimer[]> {
  for (const source of SOURCES) {
    let after: { id: string; at: Date } | undefined;
    do {
      const rows = await db
        .select({ id: source.id, at: source.at })
        .from(source.table)
        .where(
          and(
            source.pending,
            // The plain bound lets the index on the time start at the page's end; the pair breaks ties.
            after && gte(source.at, after.at),
            after && sql`(${source.at}, ${source.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
          ),
        )
        .orderBy(asc(source.at), asc(source.id))
        .limit(pageSize);
      if (rows.length) yield rows.map((row) => ({ kind: source.kind, id: row.id, at: row.at!.toISOString() }));
      const last = rows.at(-1);
      after = rows.length === pageSize && last ? { id: last.id, at: last.at! } : undefined;
    } while (after);
  }
}
