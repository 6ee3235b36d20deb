import { and, asc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Tx } from '../db/client';
import { writeAtCommit } from '../db/transaction';
import { recordEvent } from '../outbox/outbox';
import { loanRequests, requestEvents } from '../requests/schema';
import type { WorkingCalendar } from '../calendar/calendar';
import { dayStageDeadline, respondDeadlines, shanghaiIso, type StageDeadline } from '../sla-policy/deadlines';
import { cachedPolicyVersion } from '../sla-policy/policy';
import { slaStages } from '../requests/schema';
import type { SlaContext } from '../clock/clock';
import type { ReplannedDeadline } from '../requests/views';

const STAGE_NAMES = { respond: '响应（抢单）', contact: '对接与贷前调查', decide: '审批反馈' } as const;

/** When a Shanghai year starts, as an instant. */
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

const later = (a: Date, b: Date) => (a >= b ? a : b);

/**
 * Re-plans, under `calendar` (which now holds `year`'s official schedule), every open stage whose
 * promise counted a day of that year: each is computed again from its start and moved to the new
 * time unless that would be earlier — a promise is extended, never shortened. A breach already
 * recorded stands. Each request whose deadlines moved gets one timeline entry saying what moved and
 * why, its timers are armed again, and its live pages are told. Idempotent: under the same calendar
 * nothing moves a second time. Runs in the transaction that saves the schedule.
 */
export async function replanOpenStages(
  tx: Tx,
  sla: SlaContext,
  calendar: WorkingCalendar,
  actor: Actor | null,
  year: number,
  reason: string,
): Promise<{ stages: number; requests: number }> {
  const touchesYear = and(
    isNull(slaStages.completedAt),
    isNull(slaStages.breachedAt),
    lt(slaStages.startedAt, yearStart(year + 1)),
    gte(slaStages.dueAt, yearStart(year)),
  );
  const affected = await tx.selectDistinct({ id: slaStages.requestId }).from(slaStages).where(touchesYear);
  if (affected.length === 0) return { stages: 0, requests: 0 };
  // The requests first, in one order, as claims and breaches lock a request before its stages.
  const requests = await tx
    .select()
    .from(loanRequests)
    .where(
      inArray(
        loanRequests.id,
        affected.map((r) => r.id),
      ),
    )
    .orderBy(asc(loanRequests.id))
    .for('update');
  const stages = await tx
    .select()
    .from(slaStages)
    .where(
      and(
        touchesYear,
        inArray(
          slaStages.requestId,
          requests.map((r) => r.id),
        ),
      ),
    );
  let movedStages = 0;
  let movedRequests = 0;
  for (const request of requests) {
    const moved: ReplannedDeadline[] = [];
    const timers: { kind: 'remind' | 'breach' | 'exclusive-end'; id: string; at: string }[] = [];
    for (const stage of stages.filter((s) => s.requestId === request.id)) {
      const policy = await cachedPolicyVersion(tx, sla, stage.policyVersion);
      const planned: StageDeadline =
        stage.stage === 'respond'
          ? respondDeadlines(policy, calendar, stage.startedAt, false).respond
          : dayStageDeadline(policy, calendar, stage.startedAt, policy[stage.stage].workingDays);
      const remindAt = later(stage.remindAt, planned.remindAt);
      const dueAt = later(stage.dueAt, planned.dueAt);
      if (+remindAt !== +stage.remindAt || +dueAt !== +stage.dueAt) {
        await tx.update(slaStages).set({ remindAt, dueAt }).where(eq(slaStages.id, stage.id));
        moved.push({
          stage: stage.stage,
          attempt: stage.attempt,
          dueAt: [shanghaiIso(stage.dueAt), shanghaiIso(dueAt)],
          remindAt: [shanghaiIso(stage.remindAt), shanghaiIso(remindAt)],
        });
        if (+remindAt !== +stage.remindAt && !stage.remindedAt) {
          timers.push({ kind: 'remind', id: stage.id, at: remindAt.toISOString() });
        }
        if (+dueAt !== +stage.dueAt) timers.push({ kind: 'breach', id: stage.id, at: dueAt.toISOString() });
      }
      // A directed order's exclusive hour lies inside its respond window, and moves with it.
      if (stage.stage === 'respond' && request.poolTier === 'exclusive' && request.exclusiveUntil) {
        const until = later(
          request.exclusiveUntil,
          respondDeadlines(policy, calendar, stage.startedAt, true).exclusiveUntil!,
        );
        if (+until !== +request.exclusiveUntil) {
          await tx.update(loanRequests).set({ exclusiveUntil: until }).where(eq(loanRequests.id, request.id));
          moved.push({ stage: 'exclusive', dueAt: [shanghaiIso(request.exclusiveUntil), shanghaiIso(until)] });
          timers.push({ kind: 'exclusive-end', id: request.id, at: until.toISOString() });
        }
      }
    }
    if (moved.length === 0) continue;
    movedRequests++;
    movedStages += moved.filter((m) => m.stage !== 'exclusive').length;
    await writeAtCommit(
      tx,
      tx.insert(requestEvents).values({
        requestId: request.id,
        actorId: actor?.id ?? null,
        fromStatus: request.status,
        toStatus: request.status,
        note: `${reason}：${moved.map(describeMove).join('；')}`,
        data: { calendarYear: year, replanned: moved },
        at: sla.now(),
      }),
    );
    await recordEvent(tx, { type: 'sla.timers_needed', aggregateId: request.id, payload: { timers } });
    // Its pages refetch (the status is unchanged, so no grab hall drops it).
    await recordEvent(tx, {
      type: 'loan_request.changed',
      aggregateId: request.id,
      payload: {
        requestId: request.id,
        applicantId: request.applicantId,
        from: request.status,
        to: request.status,
        county: request.county,
        claimedInstitutionId: request.claimedInstitutionId,
        action: null,
      },
    });
  }
  return { stages: movedStages, requests: movedRequests };
}

const localTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function describeMove(m: ReplannedDeadline): string {
  const what = m.stage === 'exclusive' ? '定向独享时段结束' : `${STAGE_NAMES[m.stage]}截止`;
  return `${what}由 ${localTime(m.dueAt[0])} 调整为 ${localTime(m.dueAt[1])}`;
}
