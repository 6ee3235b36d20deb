import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import type { Actor } from '../access/roles';
import type { Database, Tx } from '../db/client';
import { expectChange, inOneStatement, writeAtCommit } from '../db/transaction';
import { recordEvent } from '../outbox/outbox';
import { cachedPolicyVersion } from '../sla-policy/policy';
import {
  completeStage,
  endedStage,
  endingStages,
  stageCompletion,
  startDayStage,
  startRespondStage,
  type StageEnding,
} from './stages';
import type { SlaContext } from '../clock/clock';
import type { DomainEvent } from '../outbox/catalogue';
import { poolMembers } from './matching';
import { candidatesOfRow, type RequestAsRead } from './pool-rule';
import { loanRequests, requestEvents, slaStages } from './schema';
import {
  nextStatus,
  TRANSITIONS,
  type PoolTier,
  type RequestAction,
  type RequestStatus,
  type SlaStage,
  type TransitionDeclaration,
} from '../lifecycle/state-machine';
import { detailsOf, returningDetails, type RequestDetails } from './details';
import type { TimelineData } from './views';

type RequestRow = typeof loanRequests.$inferSelect;
type StageRow = typeof slaStages.$inferSelect;

export interface TransitionInput {
  /** Who acts; null for the platform's own actions (the matcher, the SLA). */
  actor: Actor | null;
  /**
   * The request as the caller locked it (SELECT … FOR UPDATE) and checked it. Without it the
   * update itself decides, on the declared from-state (a single one) and `where`: of racing
   * changes exactly one wins, and the loser gets null.
   */
  locked?: RequestRow;
  /** A further condition of the conditional update (the pool rule, for a claim). */
  where?: SQL;
  /** The fields the action records besides status and tier (the claimant, an approval's terms, …). */
  set?: Partial<typeof loanRequests.$inferInsert>;
  /** The tier a request enters the pool at (`open`: the directed institution alone, or the county). */
  entryTier?: PoolTier;
  /** The institutions that may claim at the new tier, when the caller already knows them (the matcher). */
  offeredTo?: string[];
  /** The timeline entry's note (the declaration's, when it has one, otherwise the actor's) and facts. */
  note?: string | undefined;
  data?: TimelineData;
  /** The audit entry's details. */
  audit?: Record<string, unknown>;
}

/**
 * The only writer of a request's status and pool tier: carries out one action of the state machine
 * (state-machine.ts) in the caller's transaction, as its declaration says — the status and tier
 * change (a conditional update, so a state that moved on meanwhile changes nothing), the timeline
 * entry, the audit entry, the SLA stages it ends and starts, the outbox event, and then what the
 * consumers of transitions derive from it (supervision's counts, as the transaction's last
 * statement). The request row is locked first (by the caller, or by the update), then its stages:
 * every path takes the locks in that order.
 *
 * Returns the request as changed, with the names its views show, or null when the update found it
 * no longer in a state the action starts from.
 */
export async function transition(
  tx: Tx,
  sla: SlaContext,
  action: Exclude<RequestAction, 'submit'>,
  requestId: string,
  input: TransitionInput,
): Promise<RequestDetails | null> {
  const declared: TransitionDeclaration = TRANSITIONS[action];
  const now = sla.now();
  const tier = declared.tier === 'entry' ? input.entryTier : declared.tier;
  const from = input.locked?.status ?? soleFromState(action, declared);
  const fromStates = declared.from.filter((s): s is RequestStatus => s !== null);
  const [row] = await tx
    .update(loanRequests)
    .set({
      ...input.set,
      status: nextStatus(from, action)!,
      ...(tier && { poolTier: tier, tierStartedAt: now }),
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(loanRequests.id, requestId),
        inArray(loanRequests.status, fromStates),
        declared.fromTier && eq(loanRequests.poolTier, declared.fromTier),
        input.where,
      ),
    )
    .returning({ ...returningDetails, candidates: candidatesOfRow });
  if (!row) return null;
  const { candidates, ...changed } = row;
  const details = detailsOf(changed);
  const offeredTo = input.offeredTo ?? poolMembers(changed.poolTier, changed.exclusiveInstitutionId, candidates);
  const endedStages = declared.completes
    ? await completeStage(tx, sla, requestId, declared.completes, stageEnding(declared, changed.claimedInstitutionId))
    : [];
  await recordChange(tx, sla, action, details.request, from, input, offeredTo, endedStages);
  return details;
}

/**
 * `transition`, carried out in one statement from the request as the caller read it (no lock, no
 * transaction of its own: one round trip — for the claim, the hottest path). Everything the
 * change records is derived from `read`; the statement changes the request only while its status,
 * tier and `where` still hold and the stages it ends are still open as read, and otherwise changes
 * nothing and returns null — another change came first (the caller reads again to say which).
 */
export async function transitionAsRead(
  db: Database,
  sla: SlaContext,
  action: Exclude<RequestAction, 'submit'>,
  read: RequestAsRead,
  input: Omit<TransitionInput, 'locked' | 'offeredTo'>,
): Promise<RequestDetails | null> {
  const declared: TransitionDeclaration = TRANSITIONS[action];
  const now = sla.now();
  const seen = read.details.request;
  const from = seen.status;
  if (!declared.from.includes(from) || (declared.fromTier && seen.poolTier !== declared.fromTier)) return null;
  const tier = declared.tier === 'entry' ? input.entryTier : declared.tier;
  const changes = {
    ...input.set,
    status: nextStatus(from, action)!,
    ...(tier && { poolTier: tier, tierStartedAt: now }),
  };
  // The API's clock, not the statement's now(): the answer shows the time the row holds.
  const request: RequestRow = { ...seen, ...changes, updatedAt: new Date() };
  const ending = declared.completes ? endingStages(read.openStages, declared.completes) : [];
  const howEnded = stageEnding(declared, request.claimedInstitutionId);
  const endedStages = ending.map((stage) => endedStage(stage, now, howEnded));
  const offeredTo = poolMembers(request.poolTier, request.exclusiveInstitutionId, read.candidates);
  const done = await inOneStatement(db, async (batch) => {
    expectChange(
      batch,
      batch
        .update(loanRequests)
        .set({ ...changes, updatedAt: request.updatedAt })
        .where(
          and(
            eq(loanRequests.id, seen.id),
            eq(loanRequests.status, from),
            seen.poolTier === null ? isNull(loanRequests.poolTier) : eq(loanRequests.poolTier, seen.poolTier),
            input.where,
          ),
        )
        .returning({ id: loanRequests.id }),
      1,
    );
    if (ending.length) {
      expectChange(batch, stageCompletion(batch, sla, seen.id, ending, howEnded), ending.length);
    }
    await recordChange(batch, sla, action, request, from, input, offeredTo, endedStages);
  });
  return done === null ? null : { ...read.details, request };
}

/**
 * `submit`: the request comes into being (`values` as the applicant placed it, under the policy
 * version it names), with what every change records; the matcher takes it from there.
 */
export async function submit(
  tx: Tx,
  sla: SlaContext,
  actor: Actor,
  values: typeof loanRequests.$inferInsert,
): Promise<RequestRow> {
  const [row] = await tx
    .insert(loanRequests)
    .values({ ...values, status: TRANSITIONS.submit.to })
    .returning();
  await recordChange(tx, sla, 'submit', row!, null, { actor }, [], []);
  return row!;
}

/** How the stages an action completes end: withdrawn, or — a claim or assignment — taken by the claimant. */
function stageEnding(declared: TransitionDeclaration, claimedInstitutionId: string | null): StageEnding {
  return {
    cancelled: declared.cancelsStages,
    claimant: declared.to === 'claimed' ? claimedInstitutionId : null,
  };
}

/** What every change records after the request row: timeline, audit, stages, event, then the consumers' figures. */
async function recordChange(
  tx: Tx,
  sla: SlaContext,
  action: RequestAction,
  request: RequestRow,
  from: RequestStatus | null,
  input: TransitionInput,
  offeredTo: string[],
  endedStages: StageRow[],
) {
  const declared: TransitionDeclaration = TRANSITIONS[action];
  const now = sla.now();
  // A move within the pool records the tier it moved to.
  const moved = declared.tier && from === 'open' ? { tier: request.poolTier } : undefined;
  const data = moved || input.data ? { ...moved, ...input.data } : null;
  const entry = { from, to: request.status, at: now, data };
  await writeAtCommit(
    tx,
    tx.insert(requestEvents).values({
      requestId: request.id,
      actorId: input.actor?.id ?? null,
      fromStatus: from,
      toStatus: request.status,
      note: declared.note ?? input.note ?? null,
      data,
      at: now,
    }),
  );
  if (declared.audit && input.actor) await recordAudit(tx, input.actor, declared.audit, request.id, input.audit);
  if (declared.starts) await startStage(tx, sla, request, declared.starts, from === null);
  await recordEvent(tx, announcement(action, request, from, offeredTo));
  for (const consumer of consumers) await consumer(tx, sla, { request, ...entry, endedStages });
}

/** What a transition recorded, for the figures other modules derive from it in its transaction. */
export interface RecordedTransition {
  request: RequestRow;
  from: RequestStatus | null;
  to: RequestStatus;
  /** The time its timeline entry carries. */
  at: Date;
  data: TimelineData | null;
  /** The SLA stages it ended. */
  endedStages: StageRow[];
}
export type TransitionConsumer = (tx: Tx, sla: SlaContext, change: RecordedTransition) => Promise<void>;

const consumers = new Set<TransitionConsumer>();

/**
 * Runs `consumer` in the transaction of every transition, after all its own writes — so that a
 * module keeping figures derived from the requests (supervision's summaries) keeps them in step
 * without the request module knowing it. Registered once per process, by the platform core.
 */
export function consumeTransitions(consumer: TransitionConsumer): void {
  consumers.add(consumer);
}

/** Without a locked row, the timeline's from-state is the only state the action starts from. */
function soleFromState(action: RequestAction, declared: TransitionDeclaration): RequestStatus {
  const [only, ...others] = declared.from;
  if (!only || others.length) throw new Error(`${action} starts from several states: lock the request first`);
  return only;
}

/**
 * The stage the action starts, under the policy the request was placed under. A directed order's
 * first respond window opens with its institution's exclusive hour.
 */
async function startStage(tx: Tx, sla: SlaContext, request: RequestRow, stage: SlaStage, placed: boolean) {
  const policy = await cachedPolicyVersion(tx, sla, request.slaPolicyVersion!);
  if (stage !== 'respond') {
    await startDayStage(tx, sla, request.id, stage, policy, request.claimedInstitutionId!);
    return;
  }
  const exclusiveUntil = await startRespondStage(tx, sla, request.id, policy, placed && request.productId !== null);
  if (exclusiveUntil) {
    await writeAtCommit(tx, tx.update(loanRequests).set({ exclusiveUntil }).where(eq(loanRequests.id, request.id)));
  }
}

/**
 * The outbox event of a change: `loan_request.opened` with the institutions it is now offered to,
 * so the stream can tell exactly those officers (stream/audience.ts); otherwise
 * `loan_request.changed`, which for a request leaving the pool names the institutions it was
 * offered to, whose grab halls drop it — no one else's ever showed it.
 */
function announcement(
  action: RequestAction,
  request: RequestRow,
  from: RequestStatus | null,
  offeredTo: string[],
): DomainEvent {
  const declared: TransitionDeclaration = TRANSITIONS[action];
  const { id: requestId, applicantId, county } = request;
  if (declared.event === 'loan_request.submitted') {
    return { type: declared.event, aggregateId: requestId, payload: { requestId } };
  }
  if (declared.event === 'loan_request.opened') {
    return {
      type: declared.event,
      aggregateId: requestId,
      payload: { requestId, applicantId, county, tier: request.poolTier!, institutionIds: offeredTo, action },
    };
  }
  const leftPool =
    from === 'open' && request.status !== 'open' && request.poolTier
      ? { tier: request.poolTier, institutionIds: offeredTo }
      : {};
  return {
    type: declared.event,
    aggregateId: requestId,
    payload: {
      requestId,
      applicantId,
      from,
      to: request.status,
      county,
      claimedInstitutionId: request.claimedInstitutionId,
      action,
      ...leftPool,
    },
  };
}
