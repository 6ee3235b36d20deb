import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { APPLICANT_ROLES } from '../access/roles';
import { users } from '../auth/schema';
import type { Database, Tx } from '../db/client';
import { inTransaction, writeAtCommit, writeLast } from '../db/transaction';
import { loanRequests, requestEvents } from '../requests/schema';
import type { RequestStatus } from '../lifecycle/state-machine';
import { cachedPolicyVersion, officeHoursOf, policyView } from '../sla-policy/policy';
import { slaPolicies } from '../sla-policy/schema';
import { slaStages } from '../requests/schema';
import type { SlaContext } from '../clock/clock';
import type { WorkingCalendar } from '../calendar/calendar';
import { workingMinutesBetween, workingMinutesPerDay, type OfficeHours } from '../calendar/working-time';
import type { TransitionConsumer } from '../requests/transitions';
import { countsOfChange, REQUEST_COUNTERS, shanghaiDay, zeroCounts, type RequestCounts } from './figures';
import { disbursals, registrationsDaily, requestsDaily, stageTimes } from './schema';

/**
 * Keeps the summary tables (schema.ts) in step with the platform, in the transaction of each
 * change: `countRegistration` where applicant accounts are created, `countTransition` (a consumer
 * of the request transitions) for each change of a request and the SLA stages it ended. The
 * rebuild recomputes all of it from the source tables with the same rules.
 */

type UserRow = typeof users.$inferSelect;
type RequestRow = typeof loanRequests.$inferSelect;
type StageRow = typeof slaStages.$inferSelect;

/** The Shanghai day of a timestamp column, in SQL (UTC+8, as `shanghaiDay`). */
const dayOf = (column: unknown) => sql`((${column} at time zone 'UTC') + interval '8 hours')::date`;

const isApplicant = (role: string) => (APPLICANT_ROLES as readonly string[]).includes(role);

/** A new applicant account counts for its day, county and role. */
export async function countRegistration(tx: Tx, user: Pick<UserRow, 'role' | 'regionCode' | 'createdAt'>) {
  if (!isApplicant(user.role) || !user.regionCode) return;
  await tx
    .insert(registrationsDaily)
    .values({
      day: shanghaiDay(user.createdAt),
      county: user.regionCode,
      role: user.role as (typeof APPLICANT_ROLES)[number],
      accounts: 1,
    })
    .onConflictDoUpdate({
      target: [registrationsDaily.day, registrationsDaily.county, registrationsDaily.role],
      set: { accounts: sql`${registrationsDaily.accounts} + 1` },
    });
}

/** What the request was when it changed: the claimant is the one after a claim. */
export type RequestSnapshot = Pick<
  RequestRow,
  'id' | 'county' | 'applicantId' | 'amount' | 'claimedInstitutionId' | 'slaPolicyVersion'
>;

export interface RequestChange {
  from: RequestStatus | null;
  to: RequestStatus;
  /** The time its timeline entry carries. */
  at: Date;
  data?: Record<string, unknown> | null | undefined;
}

interface DailyCell {
  day: string;
  county: string;
  counts: Partial<RequestCounts>;
}

const excluded = (column: { name: string }) => sql.raw(`excluded.${column.name}`);

/**
 * Increments of `requests_daily`, summed per (day, county). A change's transaction gathers them
 * (`countRequestChange`, `recordStageTimes`) and adds them in one upsert as its last statement
 * (`withDailyCounts`), to one of `DAILY_SHARDS` rows of each cell chosen at random: concurrent
 * submissions and claims of a county on a day then rarely wait for each other's commit.
 */
export class DailyCounts {
  private readonly cells = new Map<string, DailyCell>();

  add(cell: DailyCell): void {
    const key = `${cell.day}|${cell.county}`;
    const sums = this.cells.get(key) ?? this.cells.set(key, { ...cell, counts: {} }).get(key)!;
    for (const [counter, n] of Object.entries(cell.counts) as [keyof RequestCounts, number][]) {
      sums.counts[counter] = (sums.counts[counter] ?? 0) + n;
    }
  }

  /** The summed cells as `requests_daily` rows of `shard`, in key order (so no two writers deadlock). */
  rows(shard = 0): (typeof requestsDaily.$inferInsert)[] {
    return [...this.cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, { counts, ...cell }]) => ({ ...cell, shard, ...zeroCounts(), ...counts }));
  }
}

/** Rows each (day, county) of `requests_daily` is spread over by the live hooks; the rebuild writes shard 0. */
const DAILY_SHARDS = 16;

/** Runs `work` (which gathers counts), then adds what it gathered to `requests_daily` in one statement. */
async function withDailyCounts<T>(tx: Tx, work: (counts: DailyCounts) => Promise<T>): Promise<T> {
  const counts = new DailyCounts();
  const result = await work(counts);
  const rows = counts.rows(Math.floor(Math.random() * DAILY_SHARDS));
  if (rows.length === 0) return result;
  // With the change's queued writes, as the last statement: the row's lock is held to the commit.
  await writeLast(
    tx,
    tx
      .insert(requestsDaily)
      .values(rows)
      .onConflictDoUpdate({
        target: [requestsDaily.day, requestsDaily.county, requestsDaily.shard],
        set: Object.fromEntries(
          REQUEST_COUNTERS.map((c) => [c, sql`${requestsDaily[c]} + ${excluded(requestsDaily[c])}`]),
        ),
      }),
  );
  return result;
}

/** A disbursed loan; the claimant is final once a request is disbursed. */
function disbursalRow(
  request: RequestSnapshot,
  submittedAt: Date | null,
  change: RequestChange,
  hours: OfficeHours,
  calendar: WorkingCalendar,
): typeof disbursals.$inferInsert {
  return {
    requestId: request.id,
    applicantId: request.applicantId,
    county: request.county,
    institutionId: request.claimedInstitutionId,
    day: shanghaiDay(change.at),
    amount: Number(change.data?.disbursedAmount ?? 0),
    workingMinutes: submittedAt ? Math.round(workingMinutesBetween(submittedAt, change.at, calendar, hours)) : null,
    dayMinutes: workingMinutesPerDay(hours),
  };
}

/** Counts one change of a request, with the working time of the stages it ended: the requests' summaries stay in step. */
export const countTransition: TransitionConsumer = (tx, sla, change) =>
  withDailyCounts(tx, async (counts) => {
    await countRequestChange(tx, sla, change.request, change, counts);
    await recordStageTimes(tx, sla, change.request.county, change.endedStages, counts);
  });

/** Counts one change of a request. */
async function countRequestChange(
  tx: Tx,
  sla: SlaContext,
  request: RequestSnapshot,
  change: RequestChange,
  counts: DailyCounts,
) {
  if (change.to === 'disbursed') {
    const [submitted] = await tx
      .select({ at: requestEvents.at })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, request.id), eq(requestEvents.toStatus, 'submitted')))
      .orderBy(asc(requestEvents.id))
      .limit(1);
    const hours = officeHoursOf(await cachedPolicyVersion(tx, sla, request.slaPolicyVersion!));
    const row = disbursalRow(request, submitted?.at ?? null, change, hours, sla.calendar);
    await writeAtCommit(tx, tx.insert(disbursals).values(row).onConflictDoNothing());
    return;
  }
  const changed = countsOfChange({ ...change, amount: request.amount });
  if (changed) counts.add({ day: shanghaiDay(change.at), county: request.county, counts: changed });
}

function stageTimeRow(
  stage: StageRow,
  county: string,
  hours: OfficeHours,
  calendar: WorkingCalendar,
): typeof stageTimes.$inferInsert {
  return {
    stageId: stage.id,
    stage: stage.stage,
    county,
    institutionId: stage.ownerInstitutionId,
    day: shanghaiDay(stage.completedAt!),
    outcome: stage.outcome as 'on_time' | 'breached',
    workingMinutes: Math.round(workingMinutesBetween(stage.startedAt, stage.completedAt!, calendar, hours)),
  };
}

const ended = (s: StageRow) => s.completedAt !== null && (s.outcome === 'on_time' || s.outcome === 'breached');

/** A respond stage ended on time is a claim within the respond window. */
function withinWindowCells(rows: (typeof stageTimes.$inferInsert)[]): DailyCell[] {
  return rows
    .filter((r) => r.stage === 'respond' && r.outcome === 'on_time')
    .map((r) => ({ day: r.day, county: r.county, counts: { claimedWithinWindow: 1 } }));
}

/**
 * Records the working time of stages of a request in `county` that just ended on time or breached
 * (cancelled ones say nothing), and counts a respond stage ended on time as a claim within the window.
 */
async function recordStageTimes(tx: Tx, sla: SlaContext, county: string, stages: StageRow[], counts: DailyCounts) {
  const done = stages.filter(ended);
  if (done.length === 0) return;
  const rows: (typeof stageTimes.$inferInsert)[] = [];
  for (const stage of done) {
    const hours = officeHoursOf(await cachedPolicyVersion(tx, sla, stage.policyVersion));
    rows.push(stageTimeRow(stage, county, hours, sla.calendar));
  }
  await writeAtCommit(tx, tx.insert(stageTimes).values(rows).onConflictDoNothing());
  withinWindowCells(rows).forEach((cell) => counts.add(cell));
}

const BATCH = 1000;
async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Recomputes every summary from the source tables — users, the request timelines, the SLA
 * stages — with the rules the incremental hooks apply. For bulk loads (the seed) and checks.
 */
export async function rebuildSupervisionSummaries(tx: Tx, calendar: WorkingCalendar) {
  await tx.delete(registrationsDaily);
  await tx.delete(requestsDaily);
  await tx.delete(disbursals);
  await tx.delete(stageTimes);

  await tx.insert(registrationsDaily).select(
    tx
      .select({
        day: sql<string>`${dayOf(users.createdAt)}`.as('day'),
        county: sql<string>`${users.regionCode}`.as('county'),
        role: sql<(typeof APPLICANT_ROLES)[number]>`${users.role}`.as('role'),
        accounts: sql<number>`count(*)::int`.as('accounts'),
      })
      .from(users)
      .where(and(inArray(users.role, [...APPLICANT_ROLES]), isNotNull(users.regionCode)))
      .groupBy(sql`1, 2, 3`),
  );

  const hoursOf = new Map(
    (await tx.select().from(slaPolicies)).map((row) => [row.version, officeHoursOf(policyView(row))]),
  );

  // Replays every timeline, each request's in order.
  const events = await tx
    .select({
      request: {
        id: loanRequests.id,
        county: loanRequests.county,
        applicantId: loanRequests.applicantId,
        amount: loanRequests.amount,
        claimedInstitutionId: loanRequests.claimedInstitutionId,
        slaPolicyVersion: loanRequests.slaPolicyVersion,
      },
      from: requestEvents.fromStatus,
      to: requestEvents.toStatus,
      at: requestEvents.at,
      data: requestEvents.data,
    })
    .from(requestEvents)
    .innerJoin(loanRequests, eq(loanRequests.id, requestEvents.requestId))
    .orderBy(asc(requestEvents.requestId), asc(requestEvents.id));
  const cells = new DailyCounts();
  const disbursed: (typeof disbursals.$inferInsert)[] = [];
  let current: string | null = null;
  let submittedAt: Date | null = null;
  for (const e of events) {
    if (e.request.id !== current) [current, submittedAt] = [e.request.id, null];
    const change: RequestChange = { from: e.from, to: e.to, at: e.at, data: e.data };
    if (e.to === 'submitted') submittedAt ??= e.at;
    if (e.to === 'disbursed') {
      const hours = hoursOf.get(e.request.slaPolicyVersion!)!;
      disbursed.push(disbursalRow(e.request, submittedAt, change, hours, calendar));
      continue;
    }
    const counts = countsOfChange({ ...change, amount: e.request.amount });
    if (counts) cells.add({ day: shanghaiDay(e.at), county: e.request.county, counts });
  }

  const stages = await tx
    .select({ stage: slaStages, county: loanRequests.county })
    .from(slaStages)
    .innerJoin(loanRequests, eq(loanRequests.id, slaStages.requestId))
    .where(and(isNotNull(slaStages.completedAt), inArray(slaStages.outcome, ['on_time', 'breached'])));
  const times = stages.map(({ stage, county }) =>
    stageTimeRow(stage, county, hoursOf.get(stage.policyVersion)!, calendar),
  );
  withinWindowCells(times).forEach((cell) => cells.add(cell));

  await insertInBatches(cells.rows(), (batch) => tx.insert(requestsDaily).values(batch));
  await insertInBatches(disbursed, (batch) => tx.insert(disbursals).values(batch));
  await insertInBatches(times, (batch) => tx.insert(stageTimes).values(batch));
}

/** Serialises the one-off build when several processes start against one database. */
const SUMMARY_BUILD_LOCK = 7_315_006;

/**
 * A database that has applicants or requests but no summaries yet (it predates them) gets them
 * built once at start; from then on the hooks keep them. Returns whether it built them.
 */
export async function ensureSupervisionSummaries(db: Database, calendar: WorkingCalendar): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SUMMARY_BUILD_LOCK})`);
    const any = async (rows: Promise<unknown[]>) => (await rows).length > 0;
    const one = { one: sql`1` };
    const summarised =
      (await any(tx.select(one).from(registrationsDaily).limit(1))) ||
      (await any(tx.select(one).from(requestsDaily).limit(1)));
    const data =
      (await any(tx.select(one).from(requestEvents).limit(1))) ||
      (await any(
        tx
          .select(one)
          .from(users)
          .where(inArray(users.role, [...APPLICANT_ROLES]))
          .limit(1),
      ));
    if (summarised || !data) return false;
    await rebuildSupervisionSummaries(tx, calendar);
    return true;
  });
}
