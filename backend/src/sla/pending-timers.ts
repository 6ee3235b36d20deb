import { and, asc, eq, gt, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { loanRequests } from '../requests/schema';
import type { Timer, TimerKind } from '../outbox/catalogue';
import { slaStages } from '../requests/schema';

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

/** The timers due within a stretch of time: after `after` (if given), up to and including `through`. */
export interface TimerStretch {
  after?: Date | undefined;
  through: Date;
}

const within = (source: Source, { after, through }: TimerStretch) =>
  and(source.pending, after && gt(source.at, after), lte(source.at, through));

/**
 * Every timer the database still expects to fire within `stretch` — due or not — in pages of
 * `pageSize`, each kind soonest first: what a Redis that lost its timers needs again.
 */
export async function* pendingTimers(db: Database, stretch: TimerStretch, pageSize: number): AsyncGenerator<Timer[]> {
  for (const source of SOURCES) {
    let cursor: { id: string; at: Date } | undefined;
    do {
      const rows = await db
        .select({ id: source.id, at: source.at })
        .from(source.table)
        .where(
          and(
            within(source, stretch),
            // The plain bound lets the index on the time start at the page's end; the pair breaks ties.
            cursor && gte(source.at, cursor.at),
            cursor && sql`(${source.at}, ${source.id}) > (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`,
          ),
        )
        .orderBy(asc(source.at), asc(source.id))
        .limit(pageSize);
      if (rows.length) yield rows.map((row) => ({ kind: source.kind, id: row.id, at: row.at!.toISOString() }));
      const last = rows.at(-1);
      cursor = rows.length === pageSize && last ? { id: last.id, at: last.at! } : undefined;
    } while (cursor);
  }
}

/** When the furthest timer still expected to fire is due; null when none is. */
export async function furthestPendingTimer(db: Database): Promise<Date | null> {
  let furthest: Date | null = null;
  for (const source of SOURCES) {
    const [row] = await db
      .select({ at: sql<Date | null>`max(${source.at})`.mapWith(source.at) })
      .from(source.table)
      .where(source.pending);
    if (row?.at && (!furthest || row.at > furthest)) furthest = row.at;
  }
  return furthest;
}
