import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Database, Executor } from '../db/client';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { likePattern } from '../db/like';
import { products } from '../catalog/schema';
import { openStageDue, openStageDueAt } from './stages';
import type { SlaContext } from '../clock/clock';
import { visibilityOf } from './access';
import { requestEvents, loanRequests } from './schema';
import { presentRequests, selectRequestDetails, type RequestDetails } from './details';
import type { RequestFiltersInput } from './validation';
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

/** The first instant of a Shanghai day, and of the day after it. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const dayAfter = (day: string) => new Date(shanghaiMidnight(day).getTime() + 24 * 3600_000);

/**
 * Requests in the actor's scope: their own; an officer's claims and those assigned to the institution
 * that no officer took up yet; their institution's; their county's — narrowed by the filters.
 */
function requestsWhere(db: Database, sla: SlaContext, actor: Actor, filters: RequestFiltersInput): SQL | undefined {
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'from', message: 'period.fromAfterTo' }]);
  }
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
  const words = filters.q ? likePattern(filters.q) : undefined;
  return and(
    scope[actor.role],
    filters.status ? eq(loanRequests.status, filters.status) : undefined,
    filters.due ? openStageDue(db, loanRequests.id, filters.due, sla.now()) : undefined,
    filters.county ? eq(loanRequests.county, filters.county) : undefined,
    filters.from ? gte(loanRequests.createdAt, shanghaiMidnight(filters.from)) : undefined,
    filters.to ? lt(loanRequests.createdAt, dayAfter(filters.to)) : undefined,
    words
      ? or(
          ilike(loanRequests.purpose, words),
          ilike(loanRequests.applicantName, words),
          ilike(loanRequests.contactName, words),
          inArray(
            loanRequests.productId,
            db.select({ id: products.id }).from(products).where(ilike(products.name, words)),
          ),
        )
      : undefined,
  );
}

/** Those due soon or overdue, the most urgent first; otherwise the newest first. */
function requestsOrder(db: Database, filters: RequestFiltersInput) {
  const mostUrgent = filters.due ? [asc(openStageDueAt(db, loanRequests.id))] : [];
  return [...mostUrgent, desc(loanRequests.createdAt), desc(loanRequests.id)];
}

/** One page of the requests in the actor's scope that the filters find. */
export async function listRequests(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  query: RequestFiltersInput & { page: number; pageSize: number },
) {
  const where = requestsWhere(db, sla, actor, query);
  const [rows, [total]] = await Promise.all([
    selectRequestDetails(db)
      .where(where)
      .orderBy(...requestsOrder(db, query))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(loanRequests).where(where),
  ]);
  return pageOf(await presentRequests(db, sla, rows, () => 'full'), total!.n, query);
}

/** Every request the filters find in the actor's scope, up to `limit`, in the list's order, for an export. */
export function requestsToExport(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  filters: RequestFiltersInput,
  limit: number,
): Promise<RequestDetails[]> {
  return selectRequestDetails(db)
    .where(requestsWhere(db, sla, actor, filters))
    .orderBy(...requestsOrder(db, filters))
    .limit(limit);
}
