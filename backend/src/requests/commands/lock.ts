import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import type { Tx } from '../../db/client';
import { AppError } from '../../http/errors';
import { loanRequests } from '../schema';
import { nextStatus, type RequestAction } from '../../lifecycle/state-machine';

type RequestRow = typeof loanRequests.$inferSelect;

/**
 * Locks the request and checks the actor may act on it as `who` and that `action` is allowed in
 * its state: 404 to an applicant who does not own it, 403 to staff of another institution and to
 * an officer of the claiming one while another officer holds it (after a hand-over, 转派, the
 * officer who held it before no longer acts on it), 422 naming the current state.
 */
export async function lockForAction(
  tx: Tx,
  actor: Actor,
  id: string,
  who: 'claimant' | 'applicant',
  action: RequestAction,
): Promise<RequestRow> {
  const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, id)).for('update');
  if (!request) throw new AppError('NOT_FOUND');
  const allowed =
    who === 'applicant'
      ? request.applicantId === actor.id
      : request.claimedInstitutionId === actor.institutionId &&
        (actor.role !== 'officer' || request.claimedOfficerId === null || request.claimedOfficerId === actor.id);
  if (!allowed) throw new AppError(who === 'applicant' ? 'NOT_FOUND' : 'FORBIDDEN');
  assertAllowed(request, action);
  return request;
}

/** 422 naming the current state when `action` does not start from it. */
export function assertAllowed(request: Pick<RequestRow, 'status'>, action: RequestAction): void {
  if (!nextStatus(request.status, action)) {
    throw new AppError('INVALID_STATE', [{ path: 'status', message: request.status }]);
  }
}
