import type { Actor } from '../../access/roles';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import { claimableBy, claimState, type ClaimState } from '../pool-rule';
import { transition, transitionAsRead } from '../transitions';
import { presentRequests } from '../details';

/**
 * 抢单. A claim that cannot win is answered from one read, with no transaction: the request is
 * unknown, not in the pool yet, already taken, or not this institution's to take. One that may win
 * carries out the claim from that read in one statement (`transitionAsRead`), whose update
 * succeeds only while the request is open, as read, and claimable by this officer — so of any
 * number of simultaneous claims exactly one wins. When the request changed otherwise meanwhile (it
 * moved tier, a breach was recorded), the claim takes the locking path.
 */
export async function claimRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  const read = claimable(await claimState(db, actor, id));
  const claim = {
    actor,
    where: claimableBy(actor.institutionId!, actor.countiesServed),
    set: { claimedInstitutionId: actor.institutionId, claimedOfficerId: actor.id, claimedAt: sla.now() },
  };
  const names = { claimedInstitutionName: read.institutionName, officerName: actor.displayName };
  const won =
    (await transitionAsRead(db, sla, 'claim', read, claim)) ??
    (claimable(await claimState(db, actor, id)) &&
      (await inTransaction(db, (tx) => transition(tx, sla, 'claim', id, claim))));
  // Another claim won (or the request changed) since the read: say which.
  if (!won) throw refusal(await claimState(db, actor, id)) ?? new AppError('ALREADY_CLAIMED');
  // The claimant's institution sees its request in full.
  const [view] = await presentRequests(db, sla, [{ ...won, ...names }], () => 'full');
  return view!;
}

/** The request as read, when this officer may claim it now; otherwise the refusal. */
function claimable(state: ClaimState | undefined): NonNullable<ClaimState['asRead']> {
  const refused = refusal(state);
  if (refused) throw refused;
  return state!.asRead!;
}

/** Why a claim cannot win: 404 unknown, 422 not in the pool yet, 409 taken (or closed), 403 not this institution's. */
function refusal(state: ClaimState | undefined): AppError | null {
  if (!state) return new AppError('NOT_FOUND');
  if (state.status === 'submitted') return new AppError('INVALID_STATE', [{ path: 'status', message: state.status }]);
  if (state.status !== 'open') return new AppError('ALREADY_CLAIMED');
  if (!state.claimable) return new AppError('NOT_ELIGIBLE');
  return null;
}
