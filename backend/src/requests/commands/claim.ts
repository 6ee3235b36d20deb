import type { Actor } from '../../auth/roles';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import { claimableBy, claimState, type ClaimState } from '../pool-rule';
import { transition } from '../transitions';
import { presentRequests } from '../details';

/**
 * 抢单. A claim that cannot win is answered from one read, with no transaction: the request is
 * unknown, not in the pool yet, already taken, or not this institution's to take. One that may win
 * runs the claim transition, whose conditional update succeeds only while the request is open and
 * claimable by this officer — so of any number of simultaneous claims exactly one wins.
 */
export async function claimRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  refuseUnclaimable(await claimState(db, actor, id));
  const won = await inTransaction(db, (tx) =>
    transition(tx, sla, 'claim', id, {
      actor,
      where: claimableBy(actor.institutionId!, actor.countiesServed),
      set: { claimedInstitutionId: actor.institutionId, claimedOfficerId: actor.id, claimedAt: sla.now() },
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
