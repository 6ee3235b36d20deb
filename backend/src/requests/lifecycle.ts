import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/roles';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';
import { notify } from '../notifications/service';
import { percentToBp } from '../catalog/rules';
import type { Database, Executor, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { recordEvent } from '../outbox/outbox';
import { announceOpen } from './matcher';
import { loanRequests, requestCandidates, requestEvents } from './schema';
import { nextStatus, STAGE_ACTION_BY_TARGET, type RequestAction, type RequestStatus } from './state-machine';
import { getRequest } from './service';
import type { TransitionInput } from './validation';
import { completeStage, policyVersion, startDayStage, startRespondStage, type SlaContext } from '../sla/stages';

type RequestRow = typeof loanRequests.$inferSelect;

/** The counties an officer takes requests from. */
export async function officerCounties(db: Executor, officerId: string): Promise<string[]> {
  const [row] = await db.select({ counties: users.countiesServed }).from(users).where(eq(users.id, officerId));
  return row?.counties ?? [];
}

/**
 * The pool rule as SQL: the officer's institution is a candidate not excluded, and the tier lets
 * it in — exclusive: it is the directed institution; county: it serves the county and so does
 * the officer; city: any candidate. The pool list and the claim use this same condition.
 */
export function claimableBy(institutionId: string, counties: string[]): SQL {
  return exists(
    sql`(select 1 from ${requestCandidates} where ${and(
      eq(requestCandidates.requestId, loanRequests.id),
      eq(requestCandidates.institutionId, institutionId),
      eq(requestCandidates.excluded, false),
      or(
        eq(loanRequests.poolTier, 'city'),
        and(eq(loanRequests.poolTier, 'exclusive'), eq(loanRequests.exclusiveInstitutionId, institutionId)),
        and(
          eq(loanRequests.poolTier, 'county'),
          eq(requestCandidates.servesCounty, true),
          counties.length ? sql`${loanRequests.county} = any(${sql.param(counties)}::text[])` : sql`false`,
        ),
      ),
    )})`,
  );
}

async function appendTimeline(
  tx: Tx,
  actor: Actor | null,
  request: RequestRow,
  to: RequestStatus,
  extra: { note?: string | undefined; data?: Record<string, unknown> } = {},
) {
  await tx.insert(requestEvents).values({
    requestId: request.id,
    actorId: actor?.id ?? null,
    fromStatus: request.status,
    toStatus: to,
    note: extra.note ?? null,
    data: extra.data ?? null,
  });
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
    },
  });
}

/**
 * 抢单: one conditional UPDATE decides the race — it succeeds only while the request is open
 * and claimable by this officer, so of any number of simultaneous claims exactly one wins.
 */
export async function claimRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  const counties = await officerCounties(db, actor.id);
  const won = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(loanRequests)
      .set({
        status: 'claimed',
        claimedInstitutionId: actor.institutionId,
        claimedOfficerId: actor.id,
        claimedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(loanRequests.id, id), eq(loanRequests.status, 'open'), claimableBy(actor.institutionId!, counties)))
      .returning();
    if (!row) return false;
    await appendTimeline(tx, actor, { ...row, status: 'open' }, 'claimed');
    await completeStage(tx, sla, id, 'respond');
    await startDayStage(tx, sla, id, 'contact', await policyVersion(tx, row.slaPolicyVersion!), actor.institutionId!);
    return true;
  });
  if (!won) {
    // Lost: say why — someone else was faster, or this institution may not claim it (now).
    const [current] = await db
      .select({ status: loanRequests.status })
      .from(loanRequests)
      .where(eq(loanRequests.id, id));
    if (!current) throw new AppError('NOT_FOUND');
    if (current.status === 'open') throw new AppError('NOT_ELIGIBLE');
    if (current.status === 'submitted')
      throw new AppError('INVALID_STATE', [{ path: 'status', message: current.status }]);
    throw new AppError('ALREADY_CLAIMED');
  }
  return getRequest(db, actor, id);
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
  await inTransaction(db, async (tx) => {
    const request = await lockForActor(tx, actor, id, 'claimant');
    const to = assertNext(request, STAGE_ACTION_BY_TARGET[input.to]);
    const fields = stageFields(request, input);
    await tx
      .update(loanRequests)
      // An assigned request has no officer yet: the first one to act on it takes it up.
      .set({ ...fields, status: to, claimedOfficerId: request.claimedOfficerId ?? actor.id, updatedAt: sql`now()` })
      .where(eq(loanRequests.id, id));
    await appendTimeline(tx, actor, request, to, { note: input.note, data: fields });
    // The investigation ends stage 2 and starts stage 1; the decision ends stage 1.
    if (to === 'investigated') {
      await completeStage(tx, sla, id, 'contact');
      const policy = await policyVersion(tx, request.slaPolicyVersion!);
      await startDayStage(tx, sla, id, 'decide', policy, request.claimedInstitutionId!);
    } else if (to === 'approved' || to === 'rejected') {
      await completeStage(tx, sla, id, 'decide');
    }
  });
  return getRequest(db, actor, id);
}

/** The applicant withdraws the request (before approval). */
export async function cancelRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const request = await lockForActor(tx, actor, id, 'applicant');
    const to = assertNext(request, 'cancel');
    await tx
      .update(loanRequests)
      .set({ status: to, updatedAt: sql`now()` })
      .where(eq(loanRequests.id, id));
    await appendTimeline(tx, actor, request, to);
    await completeStage(tx, sla, id, 'any', true);
  });
  return getRequest(db, actor, id);
}

/** A rejected request goes back to the county pool, never again to the institutions that rejected it. */
export async function reopenRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
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
    await appendTimeline(tx, actor, request, to, { data: { excludedInstitutionId: request.claimedInstitutionId } });
    await startRespondStage(tx, sla, id, await policyVersion(tx, request.slaPolicyVersion!), false);
    await announceOpen(tx, reopened!);
  });
  return getRequest(db, actor, id);
}

/**
 * 派单: a bureau gives an open request to an institution (after the respond windows have run
 * out, nobody claimed it). The institution's contact stage starts at once; its officers take it up.
 */
export async function assignRequest(db: Database, sla: SlaContext, actor: Actor, id: string, institutionId: string) {
  await inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, id)).for('update');
    // A county bureau assigns only in its county; to anyone else the request does not exist.
    if (!request || (actor.county !== null && actor.county !== request.county)) throw new AppError('NOT_FOUND');
    const [institution] = await tx
      .select({ id: institutions.id })
      .from(institutions)
      .where(eq(institutions.id, institutionId));
    if (!institution)
      throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.unknown' }]);
    const to = assertNext(request, 'claim');
    const [assigned] = await tx
      .update(loanRequests)
      .set({ status: to, claimedInstitutionId: institutionId, claimedAt: sla.now(), updatedAt: sql`now()` })
      .where(eq(loanRequests.id, id))
      .returning();
    await appendTimeline(tx, actor, { ...assigned!, status: request.status }, to, {
      note: '金融监管部门派单',
      data: { assignedBy: actor.id, institutionId },
    });
    await completeStage(tx, sla, id, 'respond');
    await startDayStage(tx, sla, id, 'contact', await policyVersion(tx, request.slaPolicyVersion!), institutionId);
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
  });
  return getRequest(db, actor, id);
}
