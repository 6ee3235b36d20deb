import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { notify } from '../notifications/service';
import { notBackingOff, recordFailure, resolveFailures, type Failure } from '../ops/failing-work';
import { recordEvent } from '../outbox/outbox';
import { poolInstitutionIds } from '../requests/pool-rule';
import { loanRequests } from '../requests/schema';
import { transition } from '../requests/transitions';
import { slaStages } from '../requests/schema';
import { EXPIRY_WORKING_DAYS } from '../lifecycle/state-machine';
import { cachedPolicyVersion, officeHoursOf } from '../sla-policy/policy';
import { addWorkingDays } from '../calendar/working-time';
import type { SlaContext } from '../clock/clock';
import type { TimerKind } from '../outbox/catalogue';

type StageRow = typeof slaStages.$inferSelect;
type RequestRow = typeof loanRequests.$inferSelect;

const STAGE_NAMES = { respond: '响应（抢单）', contact: '对接与贷前调查', decide: '审批反馈' } as const;

/** Active accounts by role and scope: the people an alert goes to. */
async function recipients(tx: Tx, where: SQL | undefined): Promise<string[]> {
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

/**
 * The stage row, unless another transaction holds it. A timer, a reconciler or the change that
 * completes the stage holding it will decide; waiting for it would only tie up this worker.
 */
const stageNotHeld = (tx: Tx, stageId: string) =>
  inArray(
    slaStages.id,
    tx
      .select({ id: slaStages.id })
      .from(slaStages)
      .where(eq(slaStages.id, stageId))
      .for('update', { skipLocked: true }),
  );

/** The reminder at 2/3 of a window: recorded and sent once, by whichever worker gets there first. */
function recordReminder(db: Database, sla: SlaContext, stageId: string): Promise<boolean> {
  return inTransaction(db, (tx) => remind(tx, sla, stageId));
}

async function remind(tx: Tx, sla: SlaContext, stageId: string): Promise<boolean> {
  const now = sla.now();
  const [stage] = await tx
    .update(slaStages)
    .set({ remindedAt: now })
    .where(
      and(
        stageNotHeld(tx, stageId),
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
}

/**
 * A missed deadline: recorded once (a conditional write decides between racing workers), then
 * the policy's actions in the same transaction — alerts to the bureau or the institution admin,
 * and for the respond stage escalation to the city-wide pool with a fresh respond window.
 */
export function recordBreach(db: Database, sla: SlaContext, stageId: string): Promise<boolean> {
  return inTransaction(db, (tx) => breach(tx, sla, stageId));
}

async function breach(tx: Tx, sla: SlaContext, stageId: string): Promise<boolean> {
  const now = sla.now();
  // The request first, as claims and transitions lock it before its stage: the other order would
  // deadlock with a claim arriving at the due time. A request held by one of them is left to it (it
  // may complete the stage); if the stage is still due, the reconciler's next pass comes back.
  const [owner] = await tx.select({ requestId: slaStages.requestId }).from(slaStages).where(eq(slaStages.id, stageId));
  if (!owner) return false;
  const [request] = await tx
    .select()
    .from(loanRequests)
    .where(eq(loanRequests.id, owner.requestId))
    .for('update', { skipLocked: true });
  if (!request) return false;
  const [stage] = await tx
    .update(slaStages)
    .set({ breachedAt: now, outcome: 'breached' })
    .where(
      and(
        stageNotHeld(tx, stageId),
        isNull(slaStages.breachedAt),
        isNull(slaStages.completedAt),
        lte(slaStages.dueAt, now),
      ),
    )
    .returning();
  if (!stage) return false;
  const policy = await cachedPolicyVersion(tx, sla, stage.policyVersion);
  const actions =
    stage.stage === 'respond'
      ? stage.attempt === 1
        ? policy.breachActions.respond
        : policy.breachActions.respondAgain
      : policy.breachActions[stage.stage];
  // Everyone the policy alerts, in one query.
  const alerted = actions.flatMap((action) => {
    if (action === 'alert_county_bureau') return [and(eq(users.role, 'bureau'), eq(users.regionCode, request.county))];
    if (action === 'alert_city_bureau') return [and(eq(users.role, 'bureau'), isNull(users.regionCode))];
    if (action === 'alert_institution_admin' && stage.ownerInstitutionId) {
      return [and(eq(users.role, 'institution_admin'), eq(users.institutionId, stage.ownerInstitutionId))];
    }
    return [];
  });
  const people = alerted.length ? await recipients(tx, or(...alerted)) : [];
  // Nobody in the county answered in time: the whole city may claim it, with a fresh respond window.
  if (actions.includes('escalate_city_pool') && request.status === 'open') {
    await transition(tx, sla, 'escalate', request.id, { actor: null, locked: request, set: { exclusiveUntil: null } });
  }
  await alert(tx, 'sla.breach', stage, request, people, describe(request));
  return true;
}

/** The request, unless another transaction (a claim, say) holds it: that one decides. */
const requestNotHeld = (tx: Tx, requestId: string) =>
  inArray(
    loanRequests.id,
    tx
      .select({ id: loanRequests.id })
      .from(loanRequests)
      .where(eq(loanRequests.id, requestId))
      .for('update', { skipLocked: true }),
  );

/** A directed order's exclusive hour is over: the county pool may claim it too. */
function endExclusiveWindow(db: Database, sla: SlaContext, requestId: string): Promise<boolean> {
  return inTransaction(db, (tx) => endExclusive(tx, sla, requestId));
}

async function endExclusive(tx: Tx, sla: SlaContext, requestId: string): Promise<boolean> {
  const ended = await transition(tx, sla, 'endExclusive', requestId, {
    actor: null,
    where: and(requestNotHeld(tx, requestId), lte(loanRequests.exclusiveUntil, sla.now())),
  });
  return ended !== null;
}

/**
 * Nobody claimed or was given the request within `workingDays` after its last respond window ran
 * out: it expires (its applicant is told, as of every change: requests/notices.ts).
 */
async function expire(tx: Tx, sla: SlaContext, requestId: string): Promise<boolean> {
  const expired = await transition(tx, sla, 'expire', requestId, {
    actor: null,
    where: requestNotHeld(tx, requestId),
  });
  return expired !== null;
}

export interface Reconciled {
  reminders: number;
  breaches: number;
  exclusiveEnded: number;
  expired: number;
  /**
   * Items whose handling failed: they stay due, and are tried again after a pause that grows with
   * each failure (ops/failing-work.ts); `failure` is undefined when even that could not be recorded.
   */
  failed: { id: string; error: unknown; failure: Failure | undefined }[];
}

type Counts = 'reminders' | 'breaches' | 'exclusiveEnded' | 'expired';

interface DueScope {
  db: Database;
  sla: SlaContext;
  now: Date;
  limit: number;
  expiryWorkingDays: number;
}

interface DueWork {
  counts: Counts;
  /** What it is, for the platform admins' alert. */
  what: string;
  /** Up to `limit` due and unhandled items, oldest first, leaving out those waiting to be tried again. */
  find(scope: DueScope): Promise<string[]>;
  handle(tx: Tx, sla: SlaContext, id: string): Promise<boolean>;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The failing-work key of an item: its kind and id. */
const workKey = (counts: Counts, id: string) => `sla.${counts}:${id}`;
const workKeyOf = (counts: Counts, id: AnyPgColumn) => sql`${`sla.${counts}:`} || ${id}::text`;

/** Open stages whose reminder (or due) time has come and that nobody has reminded (or breached) yet. */
function findStages(counts: Counts, at: AnyPgColumn, handledAt: AnyPgColumn): DueWork['find'] {
  return async ({ db, now, limit }) =>
    ids(
      await db
        .select({ id: slaStages.id })
        .from(slaStages)
        .where(
          and(
            isNull(slaStages.completedAt),
            isNull(handledAt),
            lte(at, now),
            notBackingOff(workKeyOf(counts, slaStages.id)),
          ),
        )
        .orderBy(asc(at))
        .limit(limit),
    );
}

/**
 * Open requests whose last respond window ran out (its stage breached and still open: no escalation
 * follows) at least `expiryWorkingDays` working days ago, in the working time of their policy.
 */
async function findExpired({ db, sla, now, limit, expiryWorkingDays }: DueScope): Promise<string[]> {
  // A working day is at least a calendar day: requests due more recently cannot have expired yet.
  const atLeast = new Date(now.getTime() - expiryWorkingDays * 86_400_000);
  const lapsed = await db
    .select({ id: loanRequests.id, dueAt: slaStages.dueAt, policyVersion: slaStages.policyVersion })
    .from(loanRequests)
    .innerJoin(slaStages, eq(slaStages.requestId, loanRequests.id))
    .where(
      and(
        eq(loanRequests.status, 'open'),
        eq(slaStages.stage, 'respond'),
        isNull(slaStages.completedAt),
        isNotNull(slaStages.breachedAt),
        lte(slaStages.dueAt, atLeast),
        notBackingOff(workKeyOf('expired', loanRequests.id)),
      ),
    )
    .orderBy(asc(slaStages.dueAt))
    .limit(limit);
  const expired: string[] = [];
  for (const { id, dueAt, policyVersion } of lapsed) {
    const hours = officeHoursOf(await cachedPolicyVersion(db, sla, policyVersion));
    if (addWorkingDays(dueAt, expiryWorkingDays, sla.calendar, hours) <= now) expired.push(id);
  }
  return expired;
}

/** Everything the reconciler looks for; window ends first, as they decide who a reminder goes to. */
const DUE_WORK: DueWork[] = [
  {
    counts: 'exclusiveEnded',
    what: '定向独享时段结束',
    find: async ({ db, now, limit }) =>
      ids(
        await db
          .select({ id: loanRequests.id })
          .from(loanRequests)
          .where(
            and(
              eq(loanRequests.status, 'open'),
              eq(loanRequests.poolTier, 'exclusive'),
              lte(loanRequests.exclusiveUntil, now),
              notBackingOff(workKeyOf('exclusiveEnded', loanRequests.id)),
            ),
          )
          .orderBy(asc(loanRequests.exclusiveUntil))
          .limit(limit),
      ),
    handle: endExclusive,
  },
  {
    counts: 'reminders',
    what: '321 时效提醒',
    find: findStages('reminders', slaStages.remindAt, slaStages.remindedAt),
    handle: remind,
  },
  {
    counts: 'breaches',
    what: '321 超时记录',
    find: findStages('breaches', slaStages.dueAt, slaStages.breachedAt),
    handle: breach,
  },
  {
    counts: 'expired',
    what: '无人承接的需求过期',
    find: findExpired,
    handle: expire,
  },
];

/** Transactions a worker runs at once to catch up (e.g. after Redis lost every timer). */
const RECONCILE_LANES = 4;

/**
 * The reconciler: everything due by now that nobody handled — a lost timer, a flushed Redis,
 * a killed worker — handled now, up to `limit` items of each kind per pass. Each item gets its own
 * short transaction, the same idempotent step a timer takes: its conditional write decides, and
 * an item another transaction holds is skipped (FOR UPDATE SKIP LOCKED), so reconcilers and timers
 * may overlap freely. (One transaction per batch would hold the locks of every summary row its
 * items touch until the batch ends, and make each timer wait for a whole batch.) `graceMs` leaves
 * what fell due that recently to the timers, rather than doing each item twice under load. An item
 * that fails is recorded as failing work: it waits longer after each failure, and the platform
 * admins are alerted once if it goes on failing; it stays due, so it is handled once the cause is fixed.
 */
export async function reconcileDue(
  db: Database,
  sla: SlaContext,
  options: { limit?: number; graceMs?: number; expiryWorkingDays?: number } = {},
): Promise<Reconciled> {
  const { limit = 500, graceMs = 0, expiryWorkingDays = EXPIRY_WORKING_DAYS } = options;
  const result: Reconciled = { reminders: 0, breaches: 0, exclusiveEnded: 0, expired: 0, failed: [] };
  const now = new Date(sla.now().getTime() - graceMs);
  for (const work of DUE_WORK) {
    const due = await work.find({ db, sla, now, limit, expiryWorkingDays });
    // Each worker starts at its own place in the list, so that two of them rarely reach for the same item.
    const start = Math.floor(Math.random() * due.length);
    let next = 0;
    const handled: string[] = [];
    const lane = async () => {
      while (next < due.length) {
        const id = due[(start + next++) % due.length]!;
        const key = workKey(work.counts, id);
        try {
          if (await inTransaction(db, (tx) => work.handle(tx, sla, id))) result[work.counts]++;
          handled.push(key);
        } catch (error) {
          // One item that cannot be handled now holds back no other.
          const failure = await recordFailure(db, { key, what: work.what, error }).catch(() => undefined);
          result.failed.push({ id, error, failure });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(RECONCILE_LANES, due.length) }, lane));
    await resolveFailures(db, handled);
  }
  return result;
}

/** What a timer does when it fires: the same idempotent steps the reconciler takes. */
export function fireTimer(db: Database, sla: SlaContext, kind: TimerKind, id: string): Promise<boolean> {
  if (kind === 'remind') return recordReminder(db, sla, id);
  if (kind === 'breach') return recordBreach(db, sla, id);
  return endExclusiveWindow(db, sla, id);
}
