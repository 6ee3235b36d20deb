import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { AppError } from '../http/errors';
import { recordEvent } from '../outbox/outbox';
import { dayStageDeadline, respondDeadlines, shanghaiIso, type StageDeadline } from './deadlines';
import { policyView, type SlaPolicy } from './policy';
import { slaPolicies, slaStages, type SlaStage } from './schema';
import type { WorkingCalendar } from './working-time';

/** What stage bookkeeping needs: the calendar, and a clock tests can control. */
export interface SlaContext {
  calendar: WorkingCalendar;
  now(): Date;
}

export async function policyVersion(db: Executor, version: number): Promise<SlaPolicy> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.version, version));
  if (!row) throw new AppError('SERVICE_UNAVAILABLE');
  return policyView(row);
}

async function insertStage(
  tx: Tx,
  requestId: string,
  stage: SlaStage,
  policy: SlaPolicy,
  deadline: StageDeadline,
  ownerInstitutionId: string | null,
) {
  const [last] = await tx
    .select({ attempt: max(slaStages.attempt) })
    .from(slaStages)
    .where(and(eq(slaStages.requestId, requestId), eq(slaStages.stage, stage)));
  const [row] = await tx
    .insert(slaStages)
    .values({
      requestId,
      stage,
      attempt: (last?.attempt ?? 0) + 1,
      policyVersion: policy.version,
      ownerInstitutionId,
      startedAt: deadline.startsAt,
      remindAt: deadline.remindAt,
      dueAt: deadline.dueAt,
    })
    .returning({ id: slaStages.id });
  // The workers turn this into timers for the reminder and the due time.
  await recordEvent(tx, {
    type: 'sla.timers_needed',
    aggregateId: requestId,
    payload: {
      timers: [
        { kind: 'remind', id: row!.id, at: deadline.remindAt.toISOString() },
        { kind: 'breach', id: row!.id, at: deadline.dueAt.toISOString() },
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
 * Ends the open stage: on time if before its due time. A breach already recorded keeps its
 * outcome; `cancelled` when the request is withdrawn.
 */
export async function completeStage(
  tx: Tx,
  sla: SlaContext,
  requestId: string,
  stage: SlaStage | 'any',
  cancelled = false,
) {
  const now = sla.now();
  await tx
    .update(slaStages)
    .set({
      completedAt: now,
      outcome: cancelled
        ? sql`coalesce(${slaStages.outcome}, 'cancelled')`
        : sql`coalesce(${slaStages.outcome}, case when ${now} <= ${slaStages.dueAt} then 'on_time' else 'breached' end)`,
    })
    .where(
      and(
        eq(slaStages.requestId, requestId),
        isNull(slaStages.completedAt),
        ...(stage === 'any' ? [] : [eq(slaStages.stage, stage)]),
      ),
    );
}

export interface StageView {
  attempt: number;
  startsAt: string;
  remindAt: string;
  dueAt: string;
  completedAt: string | null;
  outcome: 'on_time' | 'breached' | 'cancelled' | null;
}
export type Deadlines = Partial<Record<SlaStage, StageView>>;

/** The latest attempt of each stage, per request, as the API shows them. */
export async function deadlinesOf(db: Executor, requestIds: string[]): Promise<Map<string, Deadlines>> {
  const result = new Map<string, Deadlines>();
  if (requestIds.length === 0) return result;
  const rows = await db
    .select()
    .from(slaStages)
    .where(inArray(slaStages.requestId, requestIds))
    .orderBy(slaStages.attempt);
  for (const s of rows) {
    const deadlines = result.get(s.requestId) ?? {};
    deadlines[s.stage] = {
      attempt: s.attempt,
      startsAt: shanghaiIso(s.startedAt),
      remindAt: shanghaiIso(s.remindAt),
      dueAt: shanghaiIso(s.dueAt),
      completedAt: s.completedAt ? shanghaiIso(s.completedAt) : null,
      outcome: s.outcome,
    };
    result.set(s.requestId, deadlines);
  }
  return result;
}
