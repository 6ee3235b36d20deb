import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { percentToBp } from '../../catalog/rules';
import { products } from '../../catalog/schema';
import type { Database, Tx } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import type { loanRequests } from '../schema';
import { getRequest } from '../service';
import { STAGE_ACTION_BY_TARGET } from '../../lifecycle/state-machine';
import { transition } from '../transitions';
import type { TransitionInput } from '../validation';
import { approvedRateProblem, shanghaiDay, stageDayProblem } from '../stage-rules';
import { lockForAction } from './lock';

type RequestRow = typeof loanRequests.$inferSelect;

/** A 400 naming each of the step's `fields` that is absent. */
function requireFields(input: TransitionInput, ...fields: (keyof TransitionInput)[]): void {
  const absent = fields.filter((f) => input[f] === undefined);
  if (absent.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      absent.map((path) => ({ path, message: 'transition.requires' })),
    );
  }
}

/** The fields each stage records on the request, checked against it and its product. */
async function stageFields(tx: Tx, sla: SlaContext, request: RequestRow, input: TransitionInput) {
  switch (input.to) {
    case 'approved': {
      requireFields(input, 'approvedAmount', 'annualRate', 'termMonths');
      if (input.approvedAmount! > request.amount) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'approvedAmount', message: 'approval.exceedsRequest' }]);
      }
      if (request.productId) {
        const [product] = await tx
          .select({ minRateBp: products.minRateBp, maxRateBp: products.maxRateBp })
          .from(products)
          .where(eq(products.id, request.productId));
        const problem = product && approvedRateProblem(percentToBp(input.annualRate!), product);
        if (problem) throw new AppError('VALIDATION_FAILED', [problem]);
      }
      return {
        approvedAmount: input.approvedAmount!,
        approvedRateBp: percentToBp(input.annualRate!),
        approvedTermMonths: input.termMonths!,
      };
    }
    case 'rejected':
      requireFields(input, 'reasonCode', 'reason');
      return { rejectionCode: input.reasonCode!, rejectionReason: input.reason! };
    case 'disbursed': {
      requireFields(input, 'disbursedAmount');
      if (input.disbursedAmount! > (request.approvedAmount ?? 0)) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'disbursedAmount', message: 'disbursal.exceedsApproval' }]);
      }
      const today = shanghaiDay(sla.now());
      const valueDate = input.valueDate ?? today;
      const problem = stageDayProblem('valueDate', valueDate, shanghaiDay(request.claimedAt!), today);
      if (problem) throw new AppError('VALIDATION_FAILED', [problem]);
      return { disbursedAmount: input.disbursedAmount!, valueDate };
    }
    default:
      return {};
  }
}

/** Contact and investigation record the day the officer met the applicant, between the claim and today. */
function visitOf(sla: SlaContext, request: RequestRow, input: TransitionInput) {
  if (input.to !== 'contacted' && input.to !== 'investigated') return {};
  requireFields(input, 'visitDate');
  const problem = stageDayProblem(
    'visitDate',
    input.visitDate!,
    shanghaiDay(request.claimedAt!),
    shanghaiDay(sla.now()),
  );
  if (problem) throw new AppError('VALIDATION_FAILED', [problem]);
  return { visitDate: input.visitDate };
}

/**
 * An officer of the claiming institution moves the request to its next stage (contact,
 * investigate, approve, reject, disburse). An assigned request has no officer yet: the first one
 * to act on it takes it up.
 */
export async function advanceRequest(db: Database, sla: SlaContext, actor: Actor, id: string, input: TransitionInput) {
  await inTransaction(db, async (tx) => {
    const action = STAGE_ACTION_BY_TARGET[input.to];
    const request = await lockForAction(tx, actor, id, 'claimant', action);
    const fields = await stageFields(tx, sla, request, input);
    const visit = visitOf(sla, request, input);
    await transition(tx, sla, action, id, {
      actor,
      locked: request,
      set: { ...fields, claimedOfficerId: request.claimedOfficerId ?? actor.id },
      note: input.note,
      data: { ...fields, ...visit },
      audit: { from: request.status, to: input.to },
    });
  });
  return getRequest(db, sla, actor, id);
}
