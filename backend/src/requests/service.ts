import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Database, Executor } from '../db/client';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import type { DueFilter } from './enums';
import { openStageDue, openStageDueAt } from './stages';
import type { SlaContext } from '../clock/clock';
import { visibilityOf } from './access';
import { requestEvents, loanRequests } from './schema';
import type { RequestStatus } from '../lifecycle/state-machine';
import { presentRequests, selectRequestDetails } from './details';
import type { RequestView, Timeline } from './views';

/** One request as the actor may see it; a request they may not see does not exist for them. */
export async function getRequest(db: Executor, sla: SlaContext, actor: Actor, id: string): Promise<RequestView> {
  const [d] = await selectRequestDetails(db).where(eq(loanRequests.id, id));
  if (!d) throw new AppError('NOT_FOUND');
  const visibility = await visibilityOf(db, actor, d);
  if (visibility === 'none') throw new AppError('NOT_FOUND');
  const [view] = await presentRequests(db, sla, [d], () => visibility);
  return view!;
}

/** The timeline, for those who may see the request in full. */
export async function requestTimeline(db: Database, sla: SlaContext, actor: Actor, id: string): Promise<Timeline> {
  const view = await getRequest(db, sla, actor, id);
  if (view.masked) throw new AppError('FORBIDDEN');
  const rows = await db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(requestEvents.id);
  return {
    items: rows.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      actorId: e.actorId,
      note: e.note,
      data: e.data,
      at: e.at.toISOString(),
    })),
  };
}

/**
 * Requests in the actor's scope: their own; an officer's claims and those assigned to the institution
 * that no officer took up yet; their institution's; their county's. With `due`, only those whose open
 * stage is due soon or overdue, the most urgent first.
 */
export async function listRequests(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  query: { status?: RequestStatus | undefined; due?: DueFilter | undefined; page: number; pageSize: number },
) {
  const scope: Record<Actor['role'], SQL | undefined> = {
    enterprise: eq(loanRequests.applicantId, actor.id),
    individual: eq(loanRequests.applicantId, actor.id),
    officer: or(
      eq(loanRequests.claimedOfficerId, actor.id),
      // 派单 gives a request to an institution, not an officer: its officers serving the county take it up.
      and(
        isNull(loanRequests.claimedOfficerId),
        eq(loanRequests.claimedInstitutionId, actor.institutionId ?? ''),
        inArray(loanRequests.county, actor.countiesServed),
      ),
    ),
    institution_admin: and(
      isNotNull(loanRequests.claimedInstitutionId),
      eq(loanRequests.claimedInstitutionId, actor.institutionId ?? ''),
    ),
    bureau: actor.county ? eq(loanRequests.county, actor.county) : undefined,
    admin: undefined,
  };
  const where = and(
    scope[actor.role],
    query.status ? eq(loanRequests.status, query.status) : undefined,
    query.due ? openStageDue(db, loanRequests.id, query.due, sla.now()) : undefined,
  );
  const mostUrgent = query.due ? [asc(openStageDueAt(db, loanRequests.id))] : [];
  const [rows, [total]] = await Promise.all([
    selectRequestDetails(db)
      .where(where)
      .orderBy(...mostUrgent, desc(loanRequests.createdAt), desc(loanRequests.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(loanRequests).where(where),
  ]);
  return pageOf(await presentRequests(db, sla, rows, () => 'full'), total!.n, query);
}
