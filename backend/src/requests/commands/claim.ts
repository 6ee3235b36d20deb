import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { users } from '../../auth/schema';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import { claimableBy, claimState, type ClaimState, type RequestAsRead } from '../pool-rule';
import { transition, transitionAsRead } from '../transitions';
import { presentRequests } from '../details';
import { assertInstitutionActive } from '../../institutions/service';

/**
 * 抢单. A claim that cannot win is answered from one read, with no transaction: the request is
 * unknown, not in the pool yet, already taken, or not this institution's to take. One that may win
 * carries out the claim from that read in one statement (`transitionAsRead`), whose update
 * succeeds only while the request is open, as read, and claimable by this officer — so of any
 * number of simultaneous claims exactly one wins. When the request changed otherwise meanwhile (it
 * moved tier, a breach was recorded), the claim takes the locking path.
 */
export async function claimRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  // A suspended institution keeps what it holds but takes nothing new.
  await assertInstitutionActive(db, actor.institutionId!);
  let read = claimable(await claimState(db, actor, id));
  // Claims of one request that passed the read together take turns within this process: while one
  // is being decided the others wait for it, and are taken only if it did not win — so the
  // database sees one attempt per request per process, not every officer's at once on its row.
  const attempts = claimAttempts(db);
  for (let earlier = attempts.get(id); earlier; earlier = attempts.get(id)) {
    if (await earlier) throw new AppError('ALREADY_CLAIMED');
    read = claimable(await claimState(db, actor, id));
  }
  const attempt = attemptClaim(db, sla, actor, id, read);
  attempts.set(
    id,
    attempt.then(Boolean, () => false),
  );
  let won: Awaited<typeof attempt>;
  try {
    won = await attempt;
  } finally {
    attempts.delete(id);
  }
  // Another claim won (or the request changed) since the read: say which.
  if (!won) throw refusal(await claimState(db, actor, id)) ?? new AppError('ALREADY_CLAIMED');
  // The claimant's institution sees its request in full.
  // The winner alone reads the officer's work phone, which the claim's read did not need.
  const [officer] = await db.select({ workPhone: users.workPhone }).from(users).where(eq(users.id, actor.id));
  const names = {
    claimedInstitutionName: read.institutionName,
    officerName: actor.displayName,
    officerPhone: officer?.workPhone ?? null,
  };
  const [view] = await presentRequests(db, sla, [{ ...won, ...names }], () => 'full');
  return view!;
}

/** The claims being decided in this process, by request: whether each won. */
const attemptsByDatabase = new WeakMap<Database, Map<string, Promise<boolean>>>();
function claimAttempts(db: Database): Map<string, Promise<boolean>> {
  let attempts = attemptsByDatabase.get(db);
  if (!attempts) attemptsByDatabase.set(db, (attempts = new Map()));
  return attempts;
}

/** The claim from `read` in one statement; when the request changed otherwise since, the locking path. */
async function attemptClaim(db: Database, sla: SlaContext, actor: Actor, id: string, read: RequestAsRead) {
  const claim = {
    actor,
    where: claimableBy(actor.institutionId!, actor.countiesServed),
    set: { claimedInstitutionId: actor.institutionId, claimedOfficerId: actor.id, claimedAt: sla.now() },
  };
  return (
    (await transitionAsRead(db, sla, 'claim', read, claim)) ??
    (claimable(await claimState(db, actor, id)) &&
      (await inTransaction(db, (tx) => transition(tx, sla, 'claim', id, claim))))
  );
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
