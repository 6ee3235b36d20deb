import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { users } from '../../auth/schema';
import type { Database, Executor } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import type { SlaContext } from '../../clock/clock';
import { loanRequests } from '../schema';
import { getRequest } from '../service';
import { transition } from '../transitions';
import type { HandoverBody } from '../validation';
import type { HandoverOfficersView } from '../views';
import { officerServes } from './assign';
import { lockForAction } from './lock';

type RequestRow = typeof loanRequests.$inferSelect;

/** 400 naming `officerId` when the officer may not take the request over (the picker offers only those who may). */
async function successorOf(db: Executor, request: RequestRow, officerId: string) {
  const [officer] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      institutionId: users.institutionId,
      status: users.status,
      countiesServed: users.countiesServed,
    })
    .from(users)
    .where(eq(users.id, officerId));
  const refuse = (message: string) => new AppError('VALIDATION_FAILED', [{ path: 'officerId', message }]);
  // An unknown id and someone of another bank read alike: the admin learns nothing of other banks' staff.
  if (!officer || officer.role !== 'officer' || officer.institutionId !== request.claimedInstitutionId) {
    throw refuse('handover.notInstitutionOfficer');
  }
  if (officer.status !== 'active') throw refuse('handover.officerInactive');
  if (!officer.countiesServed.includes(request.county)) throw refuse('handover.countyNotServed');
  if (officer.id === request.claimedOfficerId) throw refuse('handover.sameOfficer');
  return officer;
}

/**
 * 转派: the claiming institution's admin moves a claimed, undecided request to another of its
 * active officers serving the request's county, with a reason. The institution keeps the request,
 * so its open SLA stage runs on; from now on only the new officer acts on it (commands/lock.ts).
 */
export async function handOverRequest(db: Database, sla: SlaContext, actor: Actor, id: string, body: HandoverBody) {
  await inTransaction(db, async (tx) => {
    const request = await lockForAction(tx, actor, id, 'claimant', 'handover');
    const successor = await successorOf(tx, request, body.officerId);
    const [predecessor] = request.claimedOfficerId
      ? await tx
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(eq(users.id, request.claimedOfficerId))
      : [];
    await transition(tx, sla, 'handover', id, {
      actor,
      locked: request,
      set: { claimedOfficerId: successor.id },
      note: body.reason,
      data: { handover: { from: predecessor ?? null, to: { id: successor.id, name: successor.displayName } } },
      audit: { fromOfficerId: request.claimedOfficerId, toOfficerId: successor.id, reason: body.reason },
    });
  });
  return getRequest(db, sla, actor, id);
}

/** The officers the request may be handed to: the claiming institution's active officers serving its county, but the one holding it. */
export async function handoverOfficers(db: Database, actor: Actor, id: string): Promise<HandoverOfficersView> {
  const [request] = await db
    .select({
      county: loanRequests.county,
      claimedInstitutionId: loanRequests.claimedInstitutionId,
      claimedOfficerId: loanRequests.claimedOfficerId,
    })
    .from(loanRequests)
    .where(eq(loanRequests.id, id));
  if (!request) throw new AppError('NOT_FOUND');
  if (!request.claimedInstitutionId || request.claimedInstitutionId !== actor.institutionId) {
    throw new AppError('FORBIDDEN');
  }
  const officers = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(officerServes(request.claimedInstitutionId, request.county))
    .orderBy(asc(users.displayName));
  return { items: officers.filter((o) => o.id !== request.claimedOfficerId) };
}
