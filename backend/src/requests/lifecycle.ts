import { and, arrayContains, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';
import { notify } from '../notifications/service';
import { percentToBp } from '../catalog/rules';
import type { Database, Tx } from '../db/client';
import { inTransaction, writeAtCommit } from '../db/transaction';
import { AppError } from '../http/errors';
import { recordEvent } from '../outbox/outbox';
import { announceOpen, poolInstitutionIds } from './matcher';
import { assignmentProblem } from './matching';
import { claimableBy, claimState, type ClaimState } from './pool-rule';
import { loanRequests, requestCandidates, requestEvents } from './schema';
import { nextStatus, STAGE_ACTION_BY_TARGET, type RequestAction, type RequestStatus } from './state-machine';
import { getRequest } from './service';
import { detailsOf, presentRequests, returningDetails } from './views';
import type { TransitionInput } from './validation';
import { cachedPolicyVersion } from '../sla/policy';
import { slaStages } from '../sla/schema';
import { completeStage, startDayStage, startRespondStage, type SlaContext } from '../sla/stages';
import { countRequestChange, withDailyCounts, type DailyCounts } from '../supervision/summaries';

type RequestRow = typeof loanRequests.$inferSelect;

/** Appends the timeline entry (on the SLA clock, as the stages are) and counts it for supervision. */
async function appendTimeline(
  tx: Tx,
  sla: SlaContext,
  counts: DailyCounts,
  actor: Actor | null,
  request: RequestRow,
  to: RequestStatus,
  extra: { note?: string | undefined; data?: Record<string, unknown> } = {},
) {
  const at = sla.now();
  await writeAtCommit(
    tx,
    tx.insert(requestEvents).values({
      requestId: request.id,
      actorId: actor?.id ?? null,
      fromStatus: request.status,
      toStatus: to,
      note: extra.note ?? null,
      data: extra.data ?? null,
      at,
    }),
  );
  await countRequestChange(tx, sla, request, { from: request.status, to, at, data: extra.data }, counts);
  // Leaving the pool: the institutions it was offered to (as in `loan_request.opened`), whose
  // officers' grab halls drop it — no one else's ever showed it.
  const leftPool =
    request.status === 'open' && to !== 'open'
      ? { tier: request.poolTier, institutionIds: await poolInstitutionIds(tx, request) }
      : {};
  await recordEvent(tx, {
    type: 'loan_request.changed',
    aggregateId: request.id,
    payload: {
      requestId: request.id,
      applicantId: request.applicantId,
      from: request.status,
      to,
      county: request.county,
      claimedInstitutionId: request.claimedInstitutionId,
      ...leftPool,
    },
  });
}

/**
 * 抢单. A claim that cannot win is answered from one read, with no transaction: the request is
 * unknown, not in the pool yet, already taken, or not this institution's to take. One that may win
 * runs one conditional UPDATE — it succeeds only while the request is open and claimable by this
 * officer, so of any number of simultaneous claims exactly one wins — and only the winner writes
 * its timeline entry, SLA stages and outbox event, in the same transaction (the supervision
 * counts last: the row they add to is shared by every claim of the county that day).
 */
export async function claimRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  refuseUnclaimable(await claimState(db, actor, id));
  const won = await inTransaction(db, (tx) =>
    withDailyCounts(tx, async (counts) => {
      const [row] = await tx
        .update(loanRequests)
        .set({
          status: 'claimed',
          claimedInstitutionId: actor.institutionId,
          claimedOfficerId: actor.id,
          claimedAt: sla.now(),
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(loanRequests.id, id),
            eq(loanRequests.status, 'open'),
            claimableBy(actor.institutionId!, actor.countiesServed),
          ),
        )
        .returning(returningDetails);
      if (!row) return undefined;
      await appendTimeline(tx, sla, counts, actor, { ...row, status: 'open' }, 'claimed');
      await recordAudit(tx, actor, 'request.claim', id);
      await completeStage(tx, sla, row, 'respond', counts);
      const policy = await cachedPolicyVersion(tx, sla, row.slaPolicyVersion!);
      await startDayStage(tx, sla, id, 'contact', policy, actor.institutionId!);
      return detailsOf(row);
    }),
  );
  if (!won) {
    // Another claim won (or the request changed) since the read: say which.
    refuseUnclaimable(await claimState(db, actor, id));
    throw new AppError('ALREADY_CLAIMED');
  }
  // The claimant's institution sees its request in full; the row came back with its names.
  const [view] = await presentRequests(db, sla, [won], () => 'full');
  return view!;
}

/** Why a claim cannot win: 404 unknown, 422 not in the pool yet, 409 taken (or closed), 403 not this institution's. */
function refuseUnclaimable(state: ClaimState | undefined): void {
  if (!state) throw new AppError('NOT_FOUND');
  if (state.status === 'submitted') throw new AppError('INVALID_STATE', [{ path: 'status', message: state.status }]);
  if (state.status !== 'open') throw new AppError('ALREADY_CLAIMED');
  if (!state.claimable) throw new AppError('NOT_ELIGIBLE');
}

/** The fields each stage records, checked against the request. */
function stageFields(request: RequestRow, input: TransitionInput): Partial<RequestRow> {
  const missing = (...fields: (keyof TransitionInput)[]) => {
    const absent = fields.filter((f) => input[f] === undefined);
    if (absent.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        absent.map((path) => ({ path, message: 'transition.requires' })),
      );
    }
  };
  switch (input.to) {
    case 'approved':
      missing('approvedAmount', 'annualRate', 'termMonths');
      if (input.approvedAmount! > request.amount) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'approvedAmount', message: 'approval.exceedsRequest' }]);
      }
      return {
        approvedAmount: input.approvedAmount!,
        approvedRateBp: percentToBp(input.annualRate!),
        approvedTermMonths: input.termMonths!,
      };
    case 'rejected':
      missing('reasonCode', 'reason');
      return { rejectionCode: input.reasonCode!, rejectionReason: input.reason! };
    case 'disbursed':
      missing('disbursedAmount');
      if (input.disbursedAmount! > (request.approvedAmount ?? 0)) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'disbursedAmount', message: 'disbursal.exceedsApproval' }]);
      }
      return { disbursedAmount: input.disbursedAmount! };
    default:
      return {};
  }
}

/** Locks the request and checks the actor may act on it as `who`. */
async function lockForActor(tx: Tx, actor: Actor, id: string, who: 'claimant' | 'applicant') {
  const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, id)).for('update');
  if (!request) throw new AppError('NOT_FOUND');
  const allowed =
    who === 'applicant' ? request.applicantId === actor.id : request.claimedInstitutionId === actor.institutionId;
  if (!allowed) {
    // Not even visible to an applicant who does not own it; staff of another institution are told no.
    throw new AppError(who === 'applicant' ? 'NOT_FOUND' : 'FORBIDDEN');
  }
  return request;
}

function assertNext(request: RequestRow, action: RequestAction): RequestStatus {
  const to = nextStatus(request.status, action);
  if (!to) throw new AppError('INVALID_STATE', [{ path: 'status', message: request.status }]);
  return to;
}

/** An officer of the claiming institution moves the request to its next stage. */
export async function transitionRequest(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  id: string,
  input: TransitionInput,
) {
  await inTransaction(db, (tx) =>
    withDailyCounts(tx, async (counts) => {
      const request = await lockForActor(tx, actor, id, 'claimant');
      const to = assertNext(request, STAGE_ACTION_BY_TARGET[input.to]);
      const fields = stageFields(request, input);
      await tx
        .update(loanRequests)
        // An assigned request has no officer yet: the first one to act on it takes it up.
        .set({ ...fields, status: to, claimedOfficerId: request.claimedOfficerId ?? actor.id, updatedAt: sql`now()` })
        .where(eq(loanRequests.id, id));
      await appendTimeline(tx, sla, counts, actor, request, to, { note: input.note, data: fields });
      await recordAudit(tx, actor, 'request.transition', id, { from: request.status, to });
      // The investigation ends stage 2 and starts stage 1; the decision ends the open stage.
      if (to === 'investigated') {
        await completeStage(tx, sla, request, 'contact', counts);
        const policy = await cachedPolicyVersion(tx, sla, request.slaPolicyVersion!);
        await startDayStage(tx, sla, id, 'decide', policy, request.claimedInstitutionId!);
      } else if (to === 'approved' || to === 'rejected') {
        // A rejection may come before the investigation: it ends whichever stage is open.
        await completeStage(tx, sla, request, 'any', counts);
      }
    }),
  );
  return getRequest(db, sla, actor, id);
}

/** The applicant withdraws the request (before approval). */
export async function cancelRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, (tx) =>
    withDailyCounts(tx, async (counts) => {
      const request = await lockForActor(tx, actor, id, 'applicant');
      const to = assertNext(request, 'cancel');
      await tx
        .update(loanRequests)
        .set({ status: to, updatedAt: sql`now()` })
        .where(eq(loanRequests.id, id));
      await appendTimeline(tx, sla, counts, actor, request, to);
      await recordAudit(tx, actor, 'request.cancel', id, { from: request.status });
      await completeStage(tx, sla, request, 'any', counts, true);
    }),
  );
  return getRequest(db, sla, actor, id);
}

/** A rejected request goes back to the county pool, never again to the institutions that rejected it. */
export async function reopenRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, (tx) =>
    withDailyCounts(tx, async (counts) => {
      const request = await lockForActor(tx, actor, id, 'applicant');
      const to = assertNext(request, 'reopen');
      await tx
        .update(requestCandidates)
        .set({ excluded: true })
        .where(
          and(eq(requestCandidates.requestId, id), eq(requestCandidates.institutionId, request.claimedInstitutionId!)),
        );
      const [reopened] = await tx
        .update(loanRequests)
        .set({
          status: to,
          poolTier: 'county',
          tierStartedAt: sql`now()`,
          exclusiveInstitutionId: null,
          claimedInstitutionId: null,
          claimedOfficerId: null,
          claimedAt: null,
          rejectionCode: null,
          rejectionReason: null,
          updatedAt: sql`now()`,
        })
        .where(eq(loanRequests.id, id))
        .returning();
      await appendTimeline(tx, sla, counts, actor, request, to, {
        data: { excludedInstitutionId: request.claimedInstitutionId },
      });
      await recordAudit(tx, actor, 'request.reopen', id, { excludedInstitutionId: request.claimedInstitutionId });
      await startRespondStage(tx, sla, id, await cachedPolicyVersion(tx, sla, request.slaPolicyVersion!), false);
      await announceOpen(tx, reopened!);
    }),
  );
  return getRequest(db, sla, actor, id);
}

/**
 * 派单: a bureau gives an open request nobody claimed to an institution, once the respond windows
 * have run out (matching.ts says when, and to whom). The institution's contact stage starts at
 * once; its officers take it up.
 */
export async function assignRequest(db: Database, sla: SlaContext, actor: Actor, id: string, institutionId: string) {
  await inTransaction(db, (tx) =>
    withDailyCounts(tx, async (counts) => {
      const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, id)).for('update');
      // A county bureau assigns only in its county; to anyone else the request does not exist.
      if (!request || (actor.county !== null && actor.county !== request.county)) throw new AppError('NOT_FOUND');
      const [institution] = await tx
        .select({ countiesServed: institutions.countiesServed })
        .from(institutions)
        .where(eq(institutions.id, institutionId));
      if (!institution)
        throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.unknown' }]);
      const to = assertNext(request, 'claim');
      const [[respond], [officer], [rejection]] = await Promise.all([
        tx
          .select({ dueAt: slaStages.dueAt })
          .from(slaStages)
          .where(and(eq(slaStages.requestId, id), eq(slaStages.stage, 'respond')))
          .orderBy(desc(slaStages.attempt))
          .limit(1),
        tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.institutionId, institutionId),
              eq(users.role, 'officer'),
              eq(users.status, 'active'),
              arrayContains(users.countiesServed, [request.county]),
            ),
          )
          .limit(1),
        tx
          .select({ excluded: requestCandidates.excluded })
          .from(requestCandidates)
          .where(
            and(
              eq(requestCandidates.requestId, id),
              eq(requestCandidates.institutionId, institutionId),
              eq(requestCandidates.excluded, true),
            ),
          ),
      ]);
      const problem = assignmentProblem({
        county: request.county,
        poolTier: request.poolTier,
        respondDueAt: respond?.dueAt ?? null,
        now: sla.now(),
        institution: { ...institution, officerServesCounty: !!officer, rejectedIt: !!rejection },
      });
      if (problem) throw new AppError(problem.path === 'status' ? 'INVALID_STATE' : 'VALIDATION_FAILED', [problem]);
      const [assigned] = await tx
        .update(loanRequests)
        .set({ status: to, claimedInstitutionId: institutionId, claimedAt: sla.now(), updatedAt: sql`now()` })
        .where(eq(loanRequests.id, id))
        .returning();
      await appendTimeline(tx, sla, counts, actor, { ...assigned!, status: request.status }, to, {
        note: '金融监管部门派单',
        data: { assignedBy: actor.id, institutionId },
      });
      await recordAudit(tx, actor, 'request.assign', id, { institutionId });
      await completeStage(tx, sla, request, 'respond', counts);
      const policy = await cachedPolicyVersion(tx, sla, request.slaPolicyVersion!);
      await startDayStage(tx, sla, id, 'contact', policy, institutionId);
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.institutionId, institutionId), eq(users.status, 'active')));
      for (const user of admins) {
        await notify(tx, {
          userId: user.id,
          kind: 'request.assigned',
          title: '金融监管部门派单',
          body: `融资需求 ${request.amount.toLocaleString('zh-CN')} 元 · ${request.termMonths} 个月已派给贵机构，请尽快联系客户。`,
          sourceEventId: `assigned:${id}:${user.id}`,
        });
      }
    }),
  );
  return getRequest(db, sla, actor, id);
}
