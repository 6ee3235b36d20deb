import { and, arrayContains, asc, desc, eq, exists, notExists, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { users } from '../../auth/schema';
import type { Database, Tx } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { institutions } from '../../institutions/schema';
import { notify } from '../../notifications/service';
import { slaStages } from '../schema';
import type { SlaContext } from '../../clock/clock';
import { assignmentProblem } from '../matching';
import { loanRequests, requestCandidates } from '../schema';
import { getRequest } from '../service';
import { transition } from '../transitions';
import { assertAllowed } from './lock';
import type { AssigneesView } from '../views';

type RequestRow = typeof loanRequests.$inferSelect;

/** Why `institutionId` may not be given the request now (matching.ts says when, and to whom). */
async function assignmentRefusal(tx: Tx, sla: SlaContext, request: RequestRow, institutionId: string) {
  const [institution] = await tx
    .select({ countiesServed: institutions.countiesServed, status: institutions.status })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  if (!institution)
    throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.unknown' }]);
  if (institution.status !== 'active')
    throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.suspended' }]);
  assertAllowed(request, 'assign');
  const [[respond], [officer], [rejection]] = await Promise.all([
    tx
      .select({ dueAt: slaStages.dueAt })
      .from(slaStages)
      .where(and(eq(slaStages.requestId, request.id), eq(slaStages.stage, 'respond')))
      .orderBy(desc(slaStages.attempt))
      .limit(1),
    tx.select({ id: users.id }).from(users).where(officerServes(institutionId, request.county)).limit(1),
    tx
      .select({ excluded: requestCandidates.excluded })
      .from(requestCandidates)
      .where(
        and(
          eq(requestCandidates.requestId, request.id),
          eq(requestCandidates.institutionId, institutionId),
          eq(requestCandidates.excluded, true),
        ),
      ),
  ]);
  const problem = assignmentProblem({
    county: request.county,
    poolTier: request.poolTier,
    respondDueAt: respond?.dueAt ?? null,
    now: sla.now(),
    institution: { ...institution, officerServesCounty: !!officer, rejectedIt: !!rejection },
  });
  if (problem) throw new AppError(problem.path === 'status' ? 'INVALID_STATE' : 'VALIDATION_FAILED', [problem]);
}

/** An active officer of the institution in `institutionId` serves `county`. */
export function officerServes(institutionId: SQL | string, county: string) {
  return and(
    eq(users.institutionId, institutionId),
    eq(users.role, 'officer'),
    eq(users.status, 'active'),
    arrayContains(users.countiesServed, [county]),
  );
}

/**
 * The institutions the request may be given to (matching.ts, assignmentProblem): every one that
 * serves its county, has an active officer there and has not rejected it, by name. All of them —
 * a county has a few dozen at most — so the picker finds any without typing.
 */
export async function assignableInstitutions(db: Database, actor: Actor, id: string): Promise<AssigneesView> {
  const [request] = await db.select({ county: loanRequests.county }).from(loanRequests).where(eq(loanRequests.id, id));
  if (!request || (actor.county !== null && actor.county !== request.county)) throw new AppError('NOT_FOUND');
  const items = await db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(
      and(
        arrayContains(institutions.countiesServed, [request.county]),
        exists(
          db
            .select({ id: users.id })
            .from(users)
            .where(officerServes(sql`${institutions.id}`, request.county)),
        ),
        notExists(
          db
            .select({ id: requestCandidates.institutionId })
            .from(requestCandidates)
            .where(
              and(
                eq(requestCandidates.requestId, id),
                eq(requestCandidates.institutionId, institutions.id),
                eq(requestCandidates.excluded, true),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(institutions.name));
  return { items };
}

/**
 * 派单: a bureau gives an open request nobody claimed to an institution, once the respond windows
 * have run out. The institution's contact stage starts at once; its officers take it up, and
 * everyone active at the institution is told.
 */
export async function assignRequest(db: Database, sla: SlaContext, actor: Actor, id: string, institutionId: string) {
  await inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, id)).for('update');
    // A county bureau assigns only in its county; to anyone else the request does not exist.
    if (!request || (actor.county !== null && actor.county !== request.county)) throw new AppError('NOT_FOUND');
    await assignmentRefusal(tx, sla, request, institutionId);
    await transition(tx, sla, 'assign', id, {
      actor,
      locked: request,
      set: { claimedInstitutionId: institutionId, claimedAt: sla.now() },
      data: { assignedBy: actor.id, institutionId },
      audit: { institutionId },
    });
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.institutionId, institutionId), eq(users.status, 'active')));
    for (const user of staff) {
      await notify(tx, {
        userId: user.id,
        kind: 'request.assigned',
        title: '金融监管部门派单',
        body: `融资需求 ${request.amount.toLocaleString('zh-CN')} 元 · ${request.termMonths} 个月已派给贵机构，请尽快联系客户。`,
        sourceEventId: `assigned:${id}:${user.id}`,
      });
    }
  });
  return getRequest(db, sla, actor, id);
}
