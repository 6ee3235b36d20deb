import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { notify } from '../notifications/service';
import { recordEvent } from '../outbox/outbox';
import { announceOpen, poolInstitutionIds } from '../requests/matcher';
import { loanRequests, requestEvents } from '../requests/schema';
import { slaStages } from './schema';
import { completeStage, policyVersion, startRespondStage, type SlaContext } from './stages';

type StageRow = typeof slaStages.$inferSelect;
type RequestRow = typeof loanRequests.$inferSelect;

const STAGE_NAMES = { respond: '响应（抢单）', contact: '对接与贷前调查', decide: '审批反馈' } as const;

/** Active accounts by role and scope: the people an alert goes to. */
async function recipients(tx: Tx, where: ReturnType<typeof and>): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.status, 'active'), where));
  return rows.map((r) => r.id);
}

async function alert(
  tx: Tx,
  kind: 'sla.reminder' | 'sla.breach',
  stage: StageRow,
  request: RequestRow,
  userIds: string[],
  body: string,
) {
  const title = `${kind === 'sla.breach' ? '超时' : '即将超时'}：${STAGE_NAMES[stage.stage]}`;
  for (const userId of new Set(userIds)) {
    // One notification per person, stage attempt and kind, however often this runs.
    await notify(tx, { userId, kind, title, body, sourceEventId: `${kind}:${stage.id}:${userId}` });
  }
  await recordEvent(tx, {
    type: 'sla.alerted',
    aggregateId: request.id,
    payload: {
      requestId: request.id,
      kind,
      stage: stage.stage,
      attempt: stage.attempt,
      userIds: [...new Set(userIds)],
    },
  });
}

const describe = (r: RequestRow) =>
  `融资需求 ${r.amount.toLocaleString('zh-CN')} 元 · ${r.termMonths} 个月（${r.id.slice(0, 8)}）`;

/** Who owns a stage: the officers it is offered to (respond), or the claiming officer (contact, decide). */
async function stageOwners(tx: Tx, stage: StageRow, request: RequestRow): Promise<string[]> {
  if (stage.stage !== 'respond') return request.claimedOfficerId ? [request.claimedOfficerId] : [];
  const institutionIds = await poolInstitutionIds(tx, request);
  if (institutionIds.length === 0) return [];
  return recipients(tx, and(eq(users.role, 'officer'), inArray(users.institutionId, institutionIds)));
}

/** The reminder at 2/3 of a window: recorded and sent once, by whichever worker gets there first. */
export async function recordReminder(db: Database, sla: SlaContext, stageId: string): Promise<boolean> {
  const now = sla.now();
  return inTransaction(db, async (tx) => {
    const [stage] = await tx
      .update(slaStages)
      .set({ remindedAt: now })
      .where(
        and(
          eq(slaStages.id, stageId),
          isNull(slaStages.remindedAt),
          isNull(slaStages.completedAt),
          lte(slaStages.remindAt, now),
        ),
      )
      .returning();
    if (!stage) return false;
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, stage.requestId));
    await alert(tx, 'sla.reminder', stage, request!, await stageOwners(tx, stage, request!), describe(request!));
    return true;
  });
}

/**
 * A missed deadline: recorded once (a conditional write decides between racing workers), then
 * the policy's actions in the same transaction — alerts to the bureau or the institution admin,
 * and for the respond stage escalation to the city-wide pool with a fresh respond window.
 */
export async function recordBreach(db: Database, sla: SlaContext, stageId: string): Promise<boolean> {
  const now = sla.now();
  return inTransaction(db, async (tx) => {
    const [stage] = await tx
      .update(slaStages)
      .set({ breachedAt: now, outcome: 'breached' })
      .where(
        and(
          eq(slaStages.id, stageId),
          isNull(slaStages.breachedAt),
          isNull(slaStages.completedAt),
          lte(slaStages.dueAt, now),
        ),
      )
      .returning();
    if (!stage) return false;
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, stage.requestId)).for('update');
    const policy = await policyVersion(tx, stage.policyVersion);
    const actions =
      stage.stage === 'respond'
        ? stage.attempt === 1
          ? policy.breachActions.respond
          : policy.breachActions.respondAgain
        : policy.breachActions[stage.stage];
    const people: string[] = [];
    for (const action of actions) {
      if (action === 'alert_county_bureau') {
        people.push(...(await recipients(tx, and(eq(users.role, 'bureau'), eq(users.regionCode, request!.county)))));
      } else if (action === 'alert_city_bureau') {
        people.push(...(await recipients(tx, and(eq(users.role, 'bureau'), isNull(users.regionCode)))));
      } else if (action === 'alert_institution_admin' && stage.ownerInstitutionId) {
        people.push(
          ...(await recipients(
            tx,
            and(eq(users.role, 'institution_admin'), eq(users.institutionId, stage.ownerInstitutionId)),
          )),
        );
      } else if (action === 'escalate_city_pool' && request!.status === 'open') {
        await escalateToCity(tx, sla, request!);
      }
    }
    await alert(tx, 'sla.breach', stage, request!, people, describe(request!));
    return true;
  });
}

/** Nobody in the county answered in time: the whole city may claim it, with a fresh respond window. */
async function escalateToCity(tx: Tx, sla: SlaContext, request: RequestRow) {
  await completeStage(tx, sla, request.id, 'respond');
  const [escalated] = await tx
    .update(loanRequests)
    .set({ poolTier: 'city', tierStartedAt: sla.now(), exclusiveUntil: null, updatedAt: sql`now()` })
    .where(eq(loanRequests.id, request.id))
    .returning();
  await startRespondStage(tx, sla, request.id, await policyVersion(tx, request.slaPolicyVersion!), false);
  await tx.insert(requestEvents).values({
    requestId: request.id,
    fromStatus: 'open',
    toStatus: 'open',
    note: '响应超时，升级至全市抢单池',
    data: { tier: 'city' },
  });
  await announceOpen(tx, escalated!);
}

/** A directed order's exclusive hour is over: the county pool may claim it too. */
export async function endExclusiveWindow(db: Database, sla: SlaContext, requestId: string): Promise<boolean> {
  const now = sla.now();
  return inTransaction(db, async (tx) => {
    const [request] = await tx
      .update(loanRequests)
      .set({ poolTier: 'county', tierStartedAt: now, updatedAt: sql`now()` })
      .where(
        and(
          eq(loanRequests.id, requestId),
          eq(loanRequests.status, 'open'),
          eq(loanRequests.poolTier, 'exclusive'),
          lte(loanRequests.exclusiveUntil, now),
        ),
      )
      .returning();
    if (!request) return false;
    await tx.insert(requestEvents).values({
      requestId,
      fromStatus: 'open',
      toStatus: 'open',
      note: '定向独享时段结束，进入本县抢单池',
      data: { tier: 'county' },
    });
    await announceOpen(tx, request);
    return true;
  });
}

/**
 * The reconciler: everything due by now that nobody handled — a lost timer, a flushed Redis,
 * a killed worker — handled now. Each step is idempotent, so it may overlap with timers.
 */
export async function reconcileDue(db: Database, sla: SlaContext, limit = 500) {
  const now = sla.now();
  const open = isNull(slaStages.completedAt);
  const reminders = await db
    .select({ id: slaStages.id })
    .from(slaStages)
    .where(and(open, isNull(slaStages.remindedAt), lte(slaStages.remindAt, now)))
    .limit(limit);
  const breaches = await db
    .select({ id: slaStages.id })
    .from(slaStages)
    .where(and(open, isNull(slaStages.breachedAt), lte(slaStages.dueAt, now)))
    .limit(limit);
  const exclusive = await db
    .select({ id: loanRequests.id })
    .from(loanRequests)
    .where(
      and(
        eq(loanRequests.status, 'open'),
        eq(loanRequests.poolTier, 'exclusive'),
        lte(loanRequests.exclusiveUntil, now),
      ),
    )
    .limit(limit);
  const handled = { reminders: 0, breaches: 0, exclusiveEnded: 0 };
  for (const r of exclusive) if (await endExclusiveWindow(db, sla, r.id)) handled.exclusiveEnded++;
  for (const s of reminders) if (await recordReminder(db, sla, s.id)) handled.reminders++;
  for (const s of breaches) if (await recordBreach(db, sla, s.id)) handled.breaches++;
  return handled;
}

export const TIMER_KINDS = ['remind', 'breach', 'exclusive-end'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** What a timer does when it fires: the same idempotent steps the reconciler takes. */
export function fireTimer(db: Database, sla: SlaContext, kind: TimerKind, id: string): Promise<boolean> {
  if (kind === 'remind') return recordReminder(db, sla, id);
  if (kind === 'breach') return recordBreach(db, sla, id);
  return endExclusiveWindow(db, sla, id);
}
