import type { Actor } from '../../access/roles';
import { percentToBp } from '../../catalog/rules';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import type { loanRequests } from '../schema';
import { getRequest } from '../service';
import { STAGE_ACTION_BY_TARGET } from '../../lifecycle/state-machine';
import { transition } from '../transitions';
import type { TransitionInput } from '../validation';
import { lockForAction } from './lock';

type RequestRow = typeof loanRequests.$inferSelect;

/** The fields each stage records, checked against the request. */
function stageFields(request: RequestRow, input: TransitionInput) {
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

/**
 * An officer of the claiming institution moves the request to its next stage (contact,
 * investigate, approve, reject, disburse). An assigned request has no officer yet: the first one
 * to act on it takes it up.
 */
export async function advanceRequest(db: Database, sla: SlaContext, actor: Actor, id: string, input: TransitionInput) {
  await inTransaction(db, async (tx) => {
    const action = STAGE_ACTION_BY_TARGET[input.to];
    const request = await lockForAction(tx, actor, id, 'claimant', action);
    const fields = stageFields(request, input);
    await transition(tx, sla, action, id, {
      actor,
      locked: request,
      set: { ...fields, claimedOfficerId: request.claimedOfficerId ?? actor.id },
      note: input.note,
      data: fields,
      audit: { from: request.status, to: input.to },
    });
  });
  return getRequest(db, sla, actor, id);
}
