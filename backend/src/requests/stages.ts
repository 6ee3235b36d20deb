import { randomUUID } from 'node:crypto';
import { and, eq, exists, gt, inArray, isNull, lte, max, min, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { SlaContext } from '../clock/clock';
import { writeAtCommit } from '../db/transaction';
import type { Executor, Tx } from '../db/client';
import { recordEvent } from '../outbox/outbox';
import type { StageClock } from '../sla-policy/countdown';
import {
  dayStageDeadline,
  respondDeadlines,
  shanghaiIso,
  stageDeadlineView,
  type StageDeadline,
} from '../sla-policy/deadlines';
import { officeHoursOf, policyView, type SlaPolicy } from '../sla-policy/policy';
import { slaPolicies } from '../sla-policy/schema';
import { slaStages } from './schema';
import type { DueFilter } from './enums';
import type { SlaStage } from '../lifecycle/state-machine';
import type { Deadlines } from './views';
import type { WorkingCalendar } from '../calendar/calendar';
import {
  workingMinutesBetween,
  workingMinutesPerDay,
  workingPeriodsBetween,
  type OfficeHours,
} from '../calendar/working-time';

type StageRow = typeof slaStages.$inferSelect;

async function insertStage(
  tx: Tx,
  requestId: string,
  stage: SlaStage,
  policy: SlaPolicy,
  deadline: StageDeadline,
  ownerInstitutionId: string | null,
) {
  // The next attempt is numbered in the insert itself, and the id chosen here: the stage and its
  // timers' event then wait for the end of the transaction, sent with its other writes.
  const previous = tx
    .select({ attempt: sql`coalesce(${max(slaStages.attempt)}, 0)` })
    .from(slaStages)
    .where(and(eq(slaStages.requestId, requestId), eq(slaStages.stage, stage)));
  const id = randomUUID();
  await writeAtCommit(
    tx,
    tx.insert(slaStages).values({
      id,
      requestId,
      stage,
      attempt: sql`(${previous}) + 1`,
      policyVersion: policy.version,
      ownerInstitutionId,
      startedAt: deadline.startsAt,
      remindAt: deadline.remindAt,
      dueAt: deadline.dueAt,
    }),
  );
  // The workers turn this into timers for the reminder and the due time.
  await recordEvent(tx, {
    type: 'sla.timers_needed',
    aggregateId: requestId,
    payload: {
      timers: [
        { kind: 'remind', id, at: deadline.remindAt.toISOString() },
        { kind: 'breach', id, at: deadline.dueAt.toISOString() },
      ],
    },
  });
}

/** The respond stage (3): starts when the request enters the pool; returns a directed order's exclusive end. */
export async function startRespondStage(
  tx: Tx,
  sla: SlaContext,
  requestId: string,
  policy: SlaPolicy,
  directed: boolean,
): Promise<Date | undefined> {
  const { respond, exclusiveUntil } = respondDeadlines(policy, sla.calendar, sla.now(), directed);
  await insertStage(tx, requestId, 'respond', policy, respond, null);
  if (exclusiveUntil) {
    await recordEvent(tx, {
      type: 'sla.timers_needed',
      aggregateId: requestId,
      payload: { timers: [{ kind: 'exclusive-end', id: requestId, at: exclusiveUntil.toISOString() }] },
    });
  }
  return exclusiveUntil;
}

/** Contact & investigate (2) starts at the claim; decide (1) when the investigation is recorded. */
export async function startDayStage(
  tx: Tx,
  sla: SlaContext,
  requestId: string,
  stage: 'contact' | 'decide',
  policy: SlaPolicy,
  ownerInstitutionId: string,
) {
  const days = stage === 'contact' ? policy.contact.workingDays : policy.decide.workingDays;
  await insertStage(
    tx,
    requestId,
    stage,
    policy,
    dayStageDeadline(policy, sla.calendar, sla.now(), days),
    ownerInstitutionId,
  );
}

/**
 * How a stage ends: withdrawn (`cancelled`), or taken by `claimant` — the institution whose claim
 * (or assignment) ends a respond stage.
 */
export interface StageEnding {
  cancelled?: boolean | undefined;
  claimant?: string | null | undefined;
}

/**
 * Ends the request's open stage: on time if before its due time. A breach already recorded keeps
 * its outcome; `cancelled` when the request is withdrawn. Returns the stages it ended (supervision
 * records the time they took).
 */
export async function completeStage(
  tx: Tx,
  sla: SlaContext,
  requestId: string,
  stage: SlaStage | 'any',
  ending: StageEnding = {},
): Promise<StageRow[]> {
  return tx
    .update(slaStages)
    .set(completion(sla.now(), ending))
    .where(
      and(
        eq(slaStages.requestId, requestId),
        isNull(slaStages.completedAt),
        ...(stage === 'any' ? [] : [eq(slaStages.stage, stage)]),
      ),
    )
    .returning();
}

/**
 * What ending a stage at `now` sets, in SQL; `endedStage` is the same rule on a row read before.
 * The pool's respond stage belongs to nobody while it runs; the claim that ends it credits it to
 * the claiming institution, on time or late, so institutions are ranked on how fast they took what
 * they took. An attempt that ran out with nobody claiming (escalated, expired) stays the pool's.
 */
const completion = (now: Date, { cancelled = false, claimant = null }: StageEnding) => ({
  completedAt: now,
  outcome: cancelled
    ? sql`coalesce(${slaStages.outcome}, 'cancelled')`
    : sql`coalesce(${slaStages.outcome}, case when ${now} <= ${slaStages.dueAt} then 'on_time' else 'breached' end)`,
  ...(claimant && { ownerInstitutionId: sql`coalesce(${slaStages.ownerInstitutionId}, ${claimant}::uuid)` }),
});

/** Of a request's open stages (as read), those an action that completes `stage` ends. */
export function endingStages(open: StageRow[], stage: SlaStage | 'any'): StageRow[] {
  return open.filter((s) => s.completedAt === null && (stage === 'any' || s.stage === stage));
}

/** A stage as read, as `completeStage` leaves it at `now`. */
export function endedStage(
  stage: StageRow,
  now: Date,
  { cancelled = false, claimant = null }: StageEnding = {},
): StageRow {
  const outcome = stage.outcome ?? (cancelled ? 'cancelled' : now <= stage.dueAt ? 'on_time' : 'breached');
  return { ...stage, completedAt: now, outcome, ownerInstitutionId: stage.ownerInstitutionId ?? claimant };
}

/**
 * `completeStage` for stages as read: it ends exactly those, and only while each is still open
 * with the outcome it was read with (a breach recorded meanwhile changes it). For `inOneStatement`.
 */
export function stageCompletion(
  tx: Tx,
  sla: SlaContext,
  requestId: string,
  read: StageRow[],
  ending: StageEnding = {},
) {
  const asRead = read.map((s) =>
    and(eq(slaStages.id, s.id), s.outcome === null ? isNull(slaStages.outcome) : eq(slaStages.outcome, s.outcome)),
  );
  return tx
    .update(slaStages)
    .set(completion(sla.now(), ending))
    .where(and(eq(slaStages.requestId, requestId), isNull(slaStages.completedAt), or(...asRead)))
    .returning({ id: slaStages.id });
}

/** How far ahead a clock lists working periods: clients refetch well within it. */
const CLOCK_HORIZON_MS = 24 * 3600_000;
/** Overdue time is counted back this far at most: the calendar scan stays bounded. */
const OVERDUE_COUNTED_MS = 366 * 24 * 3600_000;

/** A stage's countdown at `now`, in the working time of its policy's office hours (see countdown.ts). */
export function stageClock(now: Date, dueAt: Date, calendar: WorkingCalendar, hours: OfficeHours): StageClock {
  const left =
    now < dueAt
      ? workingMinutesBetween(now, dueAt, calendar, hours)
      : -workingMinutesBetween(new Date(Math.max(+dueAt, +now - OVERDUE_COUNTED_MS)), now, calendar, hours);
  const seconds = (instant: Date) => Math.round((+instant - +now) / 1000);
  const horizon = new Date(+now + CLOCK_HORIZON_MS);
  return {
    asOf: shanghaiIso(now),
    workingSecondsLeft: Math.round(left * 60),
    runs: workingPeriodsBetween(now, horizon, calendar, hours).map(([a, b]) => [seconds(a), seconds(b)]),
    workingSecondsPerDay: workingMinutesPerDay(hours) * 60,
  };
}

/** The latest attempt of each stage, per request, as the API shows them: an open one with its clock. */
export async function deadlinesOf(
  db: Executor,
  sla: SlaContext,
  requestIds: string[],
): Promise<Map<string, Deadlines>> {
  const result = new Map<string, Deadlines>();
  if (requestIds.length === 0) return result;
  const rows = await db
    .select({ stage: slaStages, policy: slaPolicies })
    .from(slaStages)
    .innerJoin(slaPolicies, eq(slaPolicies.version, slaStages.policyVersion))
    .where(inArray(slaStages.requestId, requestIds))
    .orderBy(slaStages.attempt);
  const now = sla.now();
  // The respond attempt each request's wait began with: an escalation ends one attempt and starts
  // the next at the same moment, and the request waits on; a re-opening starts a new wait.
  const waitBegan = new Map<string, Date>();
  const lastRespond = new Map<string, StageRow>();
  for (const { stage: s, policy } of rows) {
    const deadlines = result.get(s.requestId) ?? {};
    if (s.stage === 'respond') {
      const before = lastRespond.get(s.requestId);
      const escalated =
        before?.completedAt &&
        before.ownerInstitutionId === null &&
        Math.abs(+s.startedAt - +before.completedAt) < 1000;
      if (!escalated) waitBegan.set(s.requestId, s.startedAt);
      lastRespond.set(s.requestId, s);
      deadlines.waitingSince = shanghaiIso(waitBegan.get(s.requestId)!);
    }
    deadlines[s.stage] = {
      attempt: s.attempt,
      ...stageDeadlineView({ startsAt: s.startedAt, remindAt: s.remindAt, dueAt: s.dueAt }, sla.calendar),
      completedAt: s.completedAt ? shanghaiIso(s.completedAt) : null,
      outcome: s.outcome,
      clock: s.completedAt ? null : stageClock(now, s.dueAt, sla.calendar, officeHoursOf(policyView(policy))),
    };
    result.set(s.requestId, deadlines);
  }
  return result;
}

/** Rows whose request (`requestId`) has an open stage due soon (即将到期) or overdue (已超时) at `now`. */
export function openStageDue(db: Executor, requestId: AnyPgColumn, due: DueFilter, now: Date): SQL {
  const when = due === 'soon' ? and(lte(slaStages.remindAt, now), gt(slaStages.dueAt, now)) : lte(slaStages.dueAt, now);
  return exists(
    db
      .select({ id: slaStages.id })
      .from(slaStages)
      .where(and(eq(slaStages.requestId, requestId), isNull(slaStages.completedAt), when)),
  );
}

/** The due time of the request's open stage, to sort the most urgent first. */
export function openStageDueAt(db: Executor, requestId: AnyPgColumn): SQL {
  const dueAt = db
    .select({ dueAt: min(slaStages.dueAt) })
    .from(slaStages)
    .where(and(eq(slaStages.requestId, requestId), isNull(slaStages.completedAt)));
  return sql`(${dueAt})`;
}

/** A stage row as JSON (`openStagesOfRow`): its times are ISO strings. */
export type StageJson = {
  [K in keyof StageRow]: StageRow[K] extends Date
    ? string
    : StageRow[K] extends Date | null
      ? string | null
      : StageRow[K];
};

/** The open stages of the request row in the query, as JSON rows: read along with it, in the same statement. */
export const openStagesOfRow = sql<StageJson[]>`(select coalesce(json_agg(json_build_object(
    'id', s.id, 'requestId', s.request_id, 'stage', s.stage, 'attempt', s.attempt, 'policyVersion', s.policy_version,
    'ownerInstitutionId', s.owner_institution_id, 'startedAt', s.started_at, 'remindAt', s.remind_at, 'dueAt', s.due_at,
    'completedAt', s.completed_at, 'outcome', s.outcome, 'remindedAt', s.reminded_at, 'breachedAt', s.breached_at)), '[]'::json)
  from sla_stages s where s.request_id = loan_requests.id and s.completed_at is null)`;

export function stageOfJson(json: StageJson): StageRow {
  const at = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    ...json,
    startedAt: new Date(json.startedAt),
    remindAt: new Date(json.remindAt),
    dueAt: new Date(json.dueAt),
    completedAt: at(json.completedAt),
    remindedAt: at(json.remindedAt),
    breachedAt: at(json.breachedAt),
  };
}
