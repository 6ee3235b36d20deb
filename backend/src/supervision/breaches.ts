import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { spansProvisionalDay } from '../calendar/working-time';
import type { Database } from '../db/client';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { regions } from '../reference/schema';
import { loanRequests, slaStages } from '../requests/schema';
import type { SlaStage } from '../lifecycle/state-machine';
import { shanghaiIso } from '../sla-policy/deadlines';
import { addDays, breachEnding, dayStart, type DayRange } from './figures';
import { urges } from './schema';
import { assertOrdered, scopeOf, type PeriodQuery, type Scope, type SupervisionContext } from './scope';
import { selectUrges, urgeView, type UrgeView } from './urges';

/** The breaches: stages that ended late, and open stages already past their due time. */
export const isBreach = (now: Date) =>
  or(eq(slaStages.outcome, 'breached'), and(isNull(slaStages.completedAt), lt(slaStages.dueAt, now)))!;

export function dueInDays(range: DayRange): SQL | undefined {
  return and(
    range.from ? gte(slaStages.dueAt, dayStart(range.from)) : undefined,
    range.to ? lt(slaStages.dueAt, dayStart(addDays(range.to, 1))) : undefined,
  );
}

/**
 * Stages of the scope's requests. A semi-join rather than a join, so that the city's figures and
 * pages need not read every request: a stage does not know its request's county.
 */
export function stagesInScope(db: Database, scope: Scope): SQL | undefined {
  if (!scope.county) return undefined;
  return inArray(
    slaStages.requestId,
    db.select({ id: loanRequests.id }).from(loanRequests).where(eq(loanRequests.county, scope.county)),
  );
}

export interface BreachQuery extends PeriodQuery {
  status?: 'open' | 'closed' | undefined;
  institutionId?: string | undefined;
  stage?: SlaStage | undefined;
  page: number;
  pageSize: number;
}

/**
 * The breach list: each breached stage (the stage is the breach's id) with its request and the
 * institution owning it, the latest urge, and what the bureau may do about it.
 */
export async function listBreaches({ db, sla }: SupervisionContext, actor: Actor, query: BreachQuery) {
  assertOrdered(query);
  const scope = await scopeOf(db, actor, query.region);
  const now = sla.now();
  const where = and(
    isBreach(now),
    stagesInScope(db, scope),
    dueInDays({ from: query.from ?? null, to: query.to ?? null }),
    query.status === 'open' ? isNull(slaStages.completedAt) : undefined,
    query.status === 'closed' ? isNotNull(slaStages.completedAt) : undefined,
    query.institutionId ? eq(slaStages.ownerInstitutionId, query.institutionId) : undefined,
    query.stage ? eq(slaStages.stage, query.stage) : undefined,
  );
  // The page's stages first, then only their requests: joining first would read every request.
  const [stages, [total]] = await Promise.all([
    db
      .select()
      .from(slaStages)
      .where(where)
      .orderBy(desc(slaStages.dueAt), asc(slaStages.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(slaStages).where(where),
  ]);
  const ids = (pick: (s: (typeof stages)[number]) => string | null) => [
    ...new Set(stages.flatMap((s) => pick(s) ?? [])),
  ];
  const requestIds = ids((s) => s.requestId);
  const [details, urgeRows, regionRows, requestStages] = stages.length
    ? await Promise.all([
        db
          .select({
            id: loanRequests.id,
            amount: loanRequests.amount,
            termMonths: loanRequests.termMonths,
            county: loanRequests.county,
            status: loanRequests.status,
            poolTier: loanRequests.poolTier,
            applicantName: loanRequests.applicantName,
            claimedInstitutionId: loanRequests.claimedInstitutionId,
          })
          .from(loanRequests)
          .where(inArray(loanRequests.id, requestIds)),
        selectUrges(db)
          .where(
            inArray(
              urges.stageId,
              ids((s) => s.id),
            ),
          )
          .orderBy(desc(urges.urgedAt)),
        db.select().from(regions),
        // Every attempt of the page's requests: what ended each breached stage (figures.ts, breachEnding).
        db.select().from(slaStages).where(inArray(slaStages.requestId, requestIds)),
      ])
    : [[], [], [], []];
  const requestOf = new Map(details.map((r) => [r.id, r]));
  // The stages' owners and the institutions that went on to claim the requests.
  const owners = await db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(
      inArray(institutions.id, [
        ...new Set([...ids((s) => s.ownerInstitutionId), ...details.flatMap((r) => r.claimedInstitutionId ?? [])]),
      ]),
    );
  const institutionName = new Map(owners.map((i) => [i.id, i.name]));
  const named = (id: string | null) => (id ? { id, name: institutionName.get(id)! } : null);
  const stagesOf = new Map<string, (typeof requestStages)[number][]>();
  for (const s of requestStages) stagesOf.set(s.requestId, [...(stagesOf.get(s.requestId) ?? []), s]);
  const rows = stages.map((stage) => ({ stage, request: requestOf.get(stage.requestId)! }));
  const latestUrges = new Map<string, UrgeView>();
  for (const row of urgeRows) if (!latestUrges.has(row.urge.stageId)) latestUrges.set(row.urge.stageId, urgeView(row));
  const countyName = new Map(regionRows.map((r) => [r.code, r.name]));
  const items = rows.map(({ stage: s, request: { claimedInstitutionId, ...request } }) => {
    const urge = latestUrges.get(s.id) ?? null;
    const open = s.completedAt === null;
    return {
      id: s.id,
      stage: s.stage,
      attempt: s.attempt,
      status: open ? ('open' as const) : ('closed' as const),
      ending: breachEnding(s, stagesOf.get(s.requestId) ?? [], request.status),
      startedAt: shanghaiIso(s.startedAt),
      dueAt: shanghaiIso(s.dueAt),
      /** The due time counted a day of a year without an official holiday schedule (an estimate). */
      provisional: spansProvisionalDay(s.startedAt, s.dueAt, sla.calendar),
      breachedAt: s.breachedAt ? shanghaiIso(s.breachedAt) : null,
      completedAt: s.completedAt ? shanghaiIso(s.completedAt) : null,
      request: {
        ...request,
        countyName: countyName.get(request.county) ?? request.county,
        claimedBy: named(claimedInstitutionId),
      },
      institution: named(s.ownerInstitutionId),
      urge,
      actions: {
        urge: actor.role === 'bureau' && open && s.ownerInstitutionId !== null && urge?.state !== 'open',
        // 派单 once the city-wide window has run out too (requests/matching.ts, assignmentProblem): its
        // respond stage is the open one in this list, the county's having ended at the escalation.
        assign:
          actor.role === 'bureau' &&
          s.stage === 'respond' &&
          open &&
          request.status === 'open' &&
          request.poolTier === 'city',
      },
    };
  });
  return pageOf(items, total!.n, query);
}
export type BreachView = Awaited<ReturnType<typeof listBreaches>>['items'][number];
