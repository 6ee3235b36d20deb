import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import type { Database, Executor } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { notify } from '../notifications/service';
import { recordEvent } from '../outbox/outbox';
import { regions } from '../reference/schema';
import { loanRequests } from '../requests/schema';
import { shanghaiIso } from '../sla-policy/deadlines';
import { SLA_STAGES, type SlaStage } from '../requests/state-machine';
import { slaStages } from '../requests/schema';
import type { SlaContext } from '../clock/clock';
import { spansProvisionalDay } from '../calendar/working-time';
import {
  addDays,
  changeOf,
  dayStart,
  periodOf,
  rank,
  ratesOf,
  ratio,
  REQUEST_COUNTERS,
  shanghaiDay,
  type DayRange,
  type RankedGroup,
  type StageFigures,
} from './figures';
import { disbursals, registrationsDaily, requestsDaily, stageTimes, urges } from './schema';
import type { GroupBy, Interval, UrgeState } from './enums';

/**
 * The finance bureau's supervision (市县一体): volumes and rates, 321 compliance, breaches and
 * urges, each within the actor's scope — the city bureau and the admin see the whole city and
 * may narrow it to a county; a county bureau sees its own county and nothing else.
 */

export interface SupervisionContext {
  db: Database;
  sla: SlaContext;
}

export interface Scope {
  /** The region asked about: the city, or one county. */
  region: string;
  regionName: string;
  /** null = the whole city. */
  county: string | null;
  /** The counties inside the scope, in the city's order. */
  counties: { code: string; name: string }[];
}

const outOfScope = () => new AppError('FORBIDDEN', [{ path: 'region', message: 'region.outOfScope' }]);

/** Which region the actor may look at, from the `region` asked for (default: all it may see). */
export async function scopeOf(db: Executor, actor: Actor, region: string | undefined): Promise<Scope> {
  if (actor.role === 'bureau' && actor.county !== null && region !== undefined && region !== actor.county) {
    throw outOfScope();
  }
  const all = await db.select().from(regions).orderBy(asc(regions.sortOrder), asc(regions.code));
  const city = all.find((r) => r.level === 'city')!;
  const counties = all.filter((r) => r.level === 'county').map((r) => ({ code: r.code, name: r.name }));
  const asked = region ?? (actor.role === 'bureau' ? actor.county : null) ?? city.code;
  if (asked === city.code) return { region: city.code, regionName: city.name, county: null, counties };
  const county = counties.find((c) => c.code === asked);
  if (!county) throw new AppError('VALIDATION_FAILED', [{ path: 'region', message: 'region.unknown' }]);
  return { region: county.code, regionName: county.name, county: county.code, counties: [county] };
}

const inCounty = (column: PgColumn, scope: Scope) => (scope.county ? eq(column, scope.county) : undefined);

function inDays(column: PgColumn, range: DayRange): SQL | undefined {
  return and(range.from ? gte(column, range.from) : undefined, range.to ? lte(column, range.to) : undefined);
}

const num = (expression: SQL) => expression.mapWith(Number);

function assertOrdered(query: { from?: string | undefined; to?: string | undefined }) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'from', message: 'period.fromAfterTo' }]);
  }
}

export interface PeriodQuery {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Per county (and in total): what the period saw, and what stood at its end. */
async function figuresOf(db: Database, scope: Scope, range: DayRange) {
  const end = range.to ? dayStart(addDays(range.to, 1)) : null;
  const before = (instant: Date | null) => instant !== null && (end === null || instant < end);
  const disbursedIn = and(inCounty(disbursals.county, scope), inDays(disbursals.day, range));
  // Distinct borrowers by hashing: count(distinct …) would sort every disbursal. Each county's
  // figures come from its borrowers' sums, so the disbursals are read once for them.
  const perBorrower = db
    .select({
      county: disbursals.county,
      loans: sql<number>`count(*)`.as('loans'),
      amount: sql<number>`sum(${disbursals.amount})`.as('amount'),
      workingDays: sql<number>`sum(${disbursals.workingMinutes}::float8 / ${disbursals.dayMinutes})`.as('working_days'),
      timed: sql<number>`count(${disbursals.workingMinutes})`.as('timed'),
    })
    .from(disbursals)
    .where(disbursedIn)
    .groupBy(disbursals.county, disbursals.applicantId)
    .as('per_borrower');
  const applicants = db
    .selectDistinct({ id: disbursals.applicantId })
    .from(disbursals)
    .where(disbursedIn)
    .as('applicants');
  const [institutionRows, productRows, registrationRows, requestRows, disbursalRows, [borrowers]] = await Promise.all([
    db.select({ createdAt: institutions.createdAt, counties: institutions.countiesServed }).from(institutions),
    db
      .select({
        listedAt: sql<Date | null>`coalesce(${products.listedAt}, ${products.createdAt})`.mapWith(products.listedAt),
        allCounties: products.allCounties,
        counties: products.counties,
      })
      .from(products)
      .where(eq(products.status, 'listed')),
    db
      .select({
        county: registrationsDaily.county,
        role: registrationsDaily.role,
        accounts: num(sql`sum(${registrationsDaily.accounts})`),
      })
      .from(registrationsDaily)
      .where(
        and(inCounty(registrationsDaily.county, scope), inDays(registrationsDaily.day, { from: null, to: range.to })),
      )
      .groupBy(registrationsDaily.county, registrationsDaily.role),
    db
      .select({
        county: requestsDaily.county,
        ...Object.fromEntries(REQUEST_COUNTERS.map((c) => [c, num(sql`sum(${requestsDaily[c]})`)])),
      })
      .from(requestsDaily)
      .where(and(inCounty(requestsDaily.county, scope), inDays(requestsDaily.day, range)))
      .groupBy(requestsDaily.county),
    db
      .select({
        county: perBorrower.county,
        disbursed: num(sql`sum(${perBorrower.loans})`),
        disbursedAmount: num(sql`sum(${perBorrower.amount})`),
        workingDaysToDisburse: num(sql`coalesce(sum(${perBorrower.workingDays}), 0)`),
        timedDisbursals: num(sql`sum(${perBorrower.timed})`),
        borrowers: num(sql`count(*)`),
      })
      .from(perBorrower)
      .groupBy(perBorrower.county),
    db.select({ n: count() }).from(applicants),
  ]);

  const figuresFor = (county: string | null) => {
    const mine = <T extends { county: string }>(rows: T[]) =>
      rows.filter((r) => county === null || r.county === county);
    const sum = <T extends { county: string }>(rows: T[], value: (r: T) => number) =>
      mine(rows).reduce((total, r) => total + value(r), 0);
    const requests = Object.fromEntries(
      REQUEST_COUNTERS.map((c) => [c, sum(requestRows, (r) => (r as unknown as Record<string, number>)[c]!)]),
    ) as Record<(typeof REQUEST_COUNTERS)[number], number>;
    const serves = (counties: string[]) => county === null || counties.includes(county);
    const volumes = {
      institutions: institutionRows.filter((i) => before(i.createdAt) && serves(i.counties)).length,
      listedProducts: productRows.filter((p) => before(p.listedAt) && (p.allCounties || serves(p.counties))).length,
      individuals: sum(registrationRows, (r) => (r.role === 'individual' ? r.accounts : 0)),
      enterprises: sum(registrationRows, (r) => (r.role === 'enterprise' ? r.accounts : 0)),
      requests: requests.submitted,
      requestedAmount: requests.submittedAmount,
      claimed: requests.claimed,
      claimedWithinWindow: requests.claimedWithinWindow,
      assigned: requests.assigned,
      approved: requests.approved,
      approvedAmount: requests.approvedAmount,
      rejected: requests.rejected,
      cancelled: requests.cancelled,
      reopened: requests.reopened,
      escalated: requests.escalated,
      disbursed: sum(disbursalRows, (r) => r.disbursed),
      disbursedAmount: sum(disbursalRows, (r) => r.disbursedAmount),
      // A borrower with loans in two counties counts once in the city.
      borrowers: county === null ? borrowers!.n : sum(disbursalRows, (r) => r.borrowers),
    };
    const rates = ratesOf({
      ...volumes,
      workingDaysToDisburse: sum(disbursalRows, (r) => r.workingDaysToDisburse),
      timedDisbursals: sum(disbursalRows, (r) => r.timedDisbursals),
    });
    return { ...volumes, rates };
  };
  return {
    total: figuresFor(scope.county),
    byCounty: scope.counties.map((c) => ({ county: c.code, name: c.name, ...figuresFor(c.code) })),
  };
}

/** The week (from Monday) or month a day or Shanghai time falls in, as its first day. */
const bucketOf = (time: PgColumn | SQL, interval: Interval) =>
  // A literal, not a parameter: grouping must see the same expression in select and group by.
  sql<string>`to_char(date_trunc(${sql.raw(`'${interval}'`)}, ${time}), 'YYYY-MM-DD')`;

/** Volumes per week or month of the period, for trend lines. */
async function volumeTrend(db: Database, scope: Scope, range: DayRange, interval: Interval) {
  const [requestRows, disbursalRows] = await Promise.all([
    db
      .select({
        start: bucketOf(requestsDaily.day, interval),
        requests: num(sql`sum(${requestsDaily.submitted})`),
        claimed: num(sql`sum(${requestsDaily.claimed})`),
        approved: num(sql`sum(${requestsDaily.approved})`),
        approvedAmount: num(sql`sum(${requestsDaily.approvedAmount})`),
      })
      .from(requestsDaily)
      .where(and(inCounty(requestsDaily.county, scope), inDays(requestsDaily.day, range)))
      .groupBy(sql`1`),
    db
      .select({
        start: bucketOf(disbursals.day, interval),
        disbursed: num(sql`count(*)`),
        disbursedAmount: num(sql`sum(${disbursals.amount})`),
      })
      .from(disbursals)
      .where(and(inCounty(disbursals.county, scope), inDays(disbursals.day, range)))
      .groupBy(sql`1`),
  ]);
  const starts = [...new Set([...requestRows, ...disbursalRows].map((r) => r.start))].sort();
  const zero = { requests: 0, claimed: 0, approved: 0, approvedAmount: 0, disbursed: 0, disbursedAmount: 0 };
  return starts.map((start) => ({
    start,
    ...zero,
    ...requestRows.find((r) => r.start === start),
    ...disbursalRows.find((r) => r.start === start),
  }));
}

/**
 * The overview: institutions, listed products and applicants as they stood at the end of the
 * period; requests, claims, approvals and disbursements (撮合放款) within it; the rates peer
 * platforms publish; the same for the previous period of equal length, and the change.
 */
export async function overview(
  { db, sla }: SupervisionContext,
  actor: Actor,
  query: PeriodQuery & { interval?: Interval | undefined },
) {
  assertOrdered(query);
  const scope = await scopeOf(db, actor, query.region);
  const period = periodOf(query, shanghaiDay(sla.now()));
  const [current, previous, trend] = await Promise.all([
    figuresOf(db, scope, period),
    period.previous ? figuresOf(db, scope, period.previous) : null,
    query.interval ? volumeTrend(db, scope, period, query.interval) : undefined,
  ]);
  const { rates, ...volumes } = current.total;
  return {
    region: scope.region,
    regionName: scope.regionName,
    from: period.from,
    to: period.to,
    ...volumes,
    rates,
    previous: previous && period.previous ? { ...period.previous, ...previous.total } : null,
    change: previous
      ? (() => {
          const { rates: previousRates, ...previousVolumes } = previous.total;
          return { ...changeOf(volumes, previousVolumes), rates: changeOf(rates, previousRates) };
        })()
      : null,
    byCounty: current.byCounty,
    ...(trend ? { trend } : {}),
  };
}

/** The breaches: stages that ended late, and open stages already past their due time. */
const isBreach = (now: Date) =>
  or(eq(slaStages.outcome, 'breached'), and(isNull(slaStages.completedAt), lt(slaStages.dueAt, now)))!;

function dueInDays(range: DayRange): SQL | undefined {
  return and(
    range.from ? gte(slaStages.dueAt, dayStart(range.from)) : undefined,
    range.to ? lt(slaStages.dueAt, dayStart(addDays(range.to, 1))) : undefined,
  );
}

function emptyStage(): StageFigures {
  return {
    completed: 0,
    onTime: 0,
    onTimeRate: null,
    medianWorkingMinutes: null,
    p90WorkingMinutes: null,
    breaches: 0,
  };
}
const emptyStages = () =>
  Object.fromEntries(SLA_STAGES.map((s) => [s, emptyStage()])) as Record<SlaStage, StageFigures>;

/** float8[] as the drivers give it (an array, or PostgreSQL's text form), to one decimal. */
function percentilesOf(value: unknown): (number | null)[] {
  const items = Array.isArray(value) ? value : String(value).replace(/[{}]/g, '').split(',');
  return items.map((v) => (v === null || v === 'NULL' ? null : Math.round(Number(v) * 10) / 10));
}

/** On-time count, median and p90 working time of the stages that ended, per group (or bucket) and stage. */
function stageStatistics(db: Database, group: SQL, where: SQL | undefined) {
  return db
    .select({
      key: sql<string | null>`${group}`,
      total: num(sql`grouping(${group})`),
      stage: stageTimes.stage,
      completed: num(sql`count(*)`),
      onTime: num(sql`count(*) filter (where ${stageTimes.outcome} = 'on_time')`),
      // Both percentiles from one sort.
      percentiles: sql`percentile_cont(array[0.5, 0.9]) within group (order by ${stageTimes.workingMinutes})`.mapWith(
        percentilesOf,
      ),
    })
    .from(stageTimes)
    .where(where)
    .groupBy(sql`grouping sets ((${group}, ${stageTimes.stage}), (${stageTimes.stage}))`);
}

/**
 * Stages of the scope's requests. A semi-join rather than a join, so that the city's figures and
 * pages need not read every request: a stage does not know its request's county.
 */
function stagesInScope(db: Database, scope: Scope): SQL | undefined {
  if (!scope.county) return undefined;
  return inArray(
    slaStages.requestId,
    db.select({ id: loanRequests.id }).from(loanRequests).where(eq(loanRequests.county, scope.county)),
  );
}

/** Breaches per group and stage; `group` may read the request's county only when `byCounty`. */
function breachCounts(db: Database, group: SQL, where: SQL | undefined, byCounty = false) {
  const query = db
    .select({
      key: sql<string | null>`${group}`,
      total: num(sql`grouping(${group})`),
      stage: slaStages.stage,
      breaches: num(sql`count(*)`),
    })
    .from(slaStages)
    .$dynamic();
  if (byCounty) query.innerJoin(loanRequests, eq(loanRequests.id, slaStages.requestId));
  return query.where(where).groupBy(sql`grouping sets ((${group}, ${slaStages.stage}), (${slaStages.stage}))`);
}

type StatisticsRow = Awaited<ReturnType<typeof stageStatistics>>[number];
type BreachRow = Awaited<ReturnType<typeof breachCounts>>[number];

/** Folds statistics and breach rows into stage figures per key ('' = in total). */
function stageFiguresByKey(statistics: StatisticsRow[], breaches: BreachRow[]) {
  const byKey = new Map<string, Record<SlaStage, StageFigures>>();
  const of = (row: { key: string | null; total: number }) => {
    const key = row.total === 1 ? '' : (row.key ?? '');
    return byKey.get(key) ?? byKey.set(key, emptyStages()).get(key)!;
  };
  for (const row of statistics) {
    // Stages owned by nobody (the pool's respond stage) count in the total only.
    if (row.total === 0 && row.key === null) continue;
    Object.assign(of(row)[row.stage], {
      completed: row.completed,
      onTime: row.onTime,
      onTimeRate: ratio(row.onTime, row.completed),
      medianWorkingMinutes: row.percentiles?.[0] ?? null,
      p90WorkingMinutes: row.percentiles?.[1] ?? null,
    });
  }
  for (const row of breaches) {
    if (row.total === 0 && row.key === null) continue;
    of(row)[row.stage].breaches = row.breaches;
  }
  return byKey;
}

function overall(key: string, name: string, stages: Record<SlaStage, StageFigures>): RankedGroup {
  const all = Object.values(stages);
  const completed = all.reduce((n, s) => n + s.completed, 0);
  const onTime = all.reduce((n, s) => n + s.onTime, 0);
  const breaches = all.reduce((n, s) => n + s.breaches, 0);
  return { key, name, completed, onTime, onTimeRate: ratio(onTime, completed), breaches };
}

/**
 * 321 compliance per stage — on-time rate, median and p90 working minutes taken (stages that
 * ended in the period), breaches (due in the period) — in total, per county or per institution
 * (which owns the contact and decide stages), as best/worst rankings and as a trend.
 */
export async function slaCompliance(
  { db, sla }: SupervisionContext,
  actor: Actor,
  query: PeriodQuery & { groupBy: GroupBy; interval?: Interval | undefined; top: number },
) {
  assertOrdered(query);
  const scope = await scopeOf(db, actor, query.region);
  const period = periodOf(query, shanghaiDay(sla.now()));
  const now = sla.now();
  const byRegion = query.groupBy === 'region';
  const timesWhere = and(inCounty(stageTimes.county, scope), inDays(stageTimes.day, period));
  const breachWhere = and(isBreach(now), stagesInScope(db, scope), dueInDays(period));
  const timesGroup = byRegion ? sql`${stageTimes.county}` : sql`${stageTimes.institutionId}`;
  const breachGroup = byRegion ? sql`${loanRequests.county}` : sql`${slaStages.ownerInstitutionId}`;
  const trendOf = async (interval: Interval) => {
    const dueDay = sql`(${slaStages.dueAt} at time zone 'UTC' + interval '8 hours')`;
    const byBucket = stageFiguresByKey(
      ...(await Promise.all([
        stageStatistics(db, bucketOf(stageTimes.day, interval), timesWhere),
        breachCounts(db, bucketOf(dueDay, interval), breachWhere),
      ])),
    );
    return [...byBucket.keys()]
      .filter(Boolean)
      .sort()
      .map((start) => ({ start, stages: byBucket.get(start)! }));
  };

  const [statistics, breaches, trend] = await Promise.all([
    stageStatistics(db, timesGroup, timesWhere),
    breachCounts(db, breachGroup, breachWhere, byRegion),
    query.interval ? trendOf(query.interval) : undefined,
  ]);
  const byKey = stageFiguresByKey(statistics, breaches);
  const names = byRegion
    ? new Map(scope.counties.map((c) => [c.code, c.name]))
    : new Map(
        (
          await db
            .select({ id: institutions.id, name: institutions.name })
            .from(institutions)
            .where(inArray(institutions.id, [...byKey.keys()].filter(Boolean)))
        ).map((i) => [i.id, i.name]),
      );
  // Every county of the scope is listed, with or without activity; institutions when they have some.
  const keys = byRegion ? scope.counties.map((c) => c.code) : [...byKey.keys()].filter(Boolean);
  const groups = keys.map((key) => {
    const stages = byKey.get(key) ?? emptyStages();
    return { ...overall(key, names.get(key) ?? key, stages), stages };
  });
  return {
    region: scope.region,
    regionName: scope.regionName,
    from: period.from,
    to: period.to,
    groupBy: query.groupBy,
    stages: byKey.get('') ?? emptyStages(),
    groups,
    rankings: rank(groups, query.top),
    ...(trend ? { interval: query.interval, trend } : {}),
  };
}

/** An urge is resolved when its stage completes, acknowledged once the institution answered. */
const urgeStateSql = sql<UrgeState>`case when ${slaStages.completedAt} is not null then 'resolved'
  when ${urges.acknowledgedAt} is not null then 'acknowledged' else 'open' end`;

const urgedByUser = sql`(select ${users.displayName} from ${users} where ${users.id} = ${urges.urgedBy})`;

function selectUrges(db: Executor) {
  return db
    .select({
      urge: urges,
      state: urgeStateSql,
      stage: slaStages.stage,
      resolvedAt: slaStages.completedAt,
      institutionName: institutions.name,
      urgedByName: sql<string>`${urgedByUser}`,
      amount: loanRequests.amount,
      termMonths: loanRequests.termMonths,
    })
    .from(urges)
    .innerJoin(slaStages, eq(slaStages.id, urges.stageId))
    .innerJoin(loanRequests, eq(loanRequests.id, urges.requestId))
    .innerJoin(institutions, eq(institutions.id, urges.institutionId));
}

function urgeView(row: Awaited<ReturnType<typeof selectUrges>>[number]) {
  const u = row.urge;
  return {
    id: u.id,
    breachId: u.stageId,
    stage: row.stage,
    state: row.state,
    request: { id: u.requestId, county: u.county, amount: row.amount, termMonths: row.termMonths },
    institution: { id: u.institutionId, name: row.institutionName },
    note: u.note,
    urgedBy: { id: u.urgedBy, displayName: row.urgedByName },
    urgedAt: shanghaiIso(u.urgedAt),
    acknowledgedAt: u.acknowledgedAt ? shanghaiIso(u.acknowledgedAt) : null,
    acknowledgedBy: u.acknowledgedBy,
    acknowledgementNote: u.acknowledgementNote,
    resolvedAt: row.state === 'resolved' && row.resolvedAt ? shanghaiIso(row.resolvedAt) : null,
  };
}
export type UrgeView = ReturnType<typeof urgeView>;

async function findUrge(db: Executor, id: string): Promise<UrgeView | null> {
  const [row] = await selectUrges(db).where(eq(urges.id, id));
  return row ? urgeView(row) : null;
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
  const [details, owners, urgeRows, regionRows] = stages.length
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
          })
          .from(loanRequests)
          .where(
            inArray(
              loanRequests.id,
              ids((s) => s.requestId),
            ),
          ),
        db
          .select({ id: institutions.id, name: institutions.name })
          .from(institutions)
          .where(
            inArray(
              institutions.id,
              ids((s) => s.ownerInstitutionId),
            ),
          ),
        selectUrges(db)
          .where(
            inArray(
              urges.stageId,
              ids((s) => s.id),
            ),
          )
          .orderBy(desc(urges.urgedAt)),
        db.select().from(regions),
      ])
    : [[], [], [], []];
  const requestOf = new Map(details.map((r) => [r.id, r]));
  const institutionName = new Map(owners.map((i) => [i.id, i.name]));
  const rows = stages.map((stage) => ({
    stage,
    request: requestOf.get(stage.requestId)!,
    institutionName: stage.ownerInstitutionId ? institutionName.get(stage.ownerInstitutionId)! : null,
  }));
  const latestUrges = new Map<string, UrgeView>();
  for (const row of urgeRows) if (!latestUrges.has(row.urge.stageId)) latestUrges.set(row.urge.stageId, urgeView(row));
  const countyName = new Map(regionRows.map((r) => [r.code, r.name]));
  const items = rows.map(({ stage: s, request, institutionName }) => {
    const urge = latestUrges.get(s.id) ?? null;
    const open = s.completedAt === null;
    return {
      id: s.id,
      stage: s.stage,
      attempt: s.attempt,
      status: open ? ('open' as const) : ('closed' as const),
      startedAt: shanghaiIso(s.startedAt),
      dueAt: shanghaiIso(s.dueAt),
      /** The due time counted a day of a year without an official holiday schedule (an estimate). */
      provisional: spansProvisionalDay(s.startedAt, s.dueAt, sla.calendar),
      breachedAt: s.breachedAt ? shanghaiIso(s.breachedAt) : null,
      completedAt: s.completedAt ? shanghaiIso(s.completedAt) : null,
      request: { ...request, countyName: countyName.get(request.county) ?? request.county },
      institution: s.ownerInstitutionId ? { id: s.ownerInstitutionId, name: institutionName! } : null,
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

const STAGE_NAMES: Record<SlaStage, string> = {
  respond: '响应（抢单）',
  contact: '对接与贷前调查',
  decide: '审批反馈',
};

/** Active staff of an institution who hear of an urge: its admins and the officer handling the request. */
async function urgeRecipients(db: Executor, institutionId: string, officerId: string | null): Promise<string[]> {
  const staff = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.status, 'active')));
  // Nobody has taken the request up yet (an assignment): every officer of the institution hears it.
  return staff
    .filter((u) => u.role === 'institution_admin' || officerId === null || u.id === officerId)
    .map((u) => u.id);
}

const invalid = (message: string) => new AppError('INVALID_STATE', [{ path: 'id', message }]);

/**
 * 督办: the bureau urges the institution owning a breached stage. Its admins and the officer
 * handling the request are notified (notification centre and stream, through the outbox) and
 * must acknowledge; the urge is resolved when the stage completes.
 */
export async function urgeBreach({ db, sla }: SupervisionContext, actor: Actor, stageId: string, note: string) {
  const now = sla.now();
  const id = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ stage: slaStages, request: loanRequests })
      .from(slaStages)
      .innerJoin(loanRequests, eq(loanRequests.id, slaStages.requestId))
      .where(eq(slaStages.id, stageId))
      .for('update', { of: slaStages });
    if (!row) throw new AppError('NOT_FOUND');
    const { stage, request } = row;
    if (actor.county !== null && actor.county !== request.county) throw outOfScope();
    if (stage.completedAt) throw invalid('urge.stageCompleted');
    if (stage.outcome !== 'breached' && stage.dueAt >= now) throw invalid('urge.notBreached');
    if (!stage.ownerInstitutionId) throw invalid('urge.noInstitution');
    const [waiting] = await tx
      .select({ id: urges.id })
      .from(urges)
      .where(and(eq(urges.stageId, stageId), isNull(urges.acknowledgedAt)));
    if (waiting) throw new AppError('ALREADY_EXISTS', [{ path: 'id', message: 'urge.alreadyOpen' }]);
    const [urge] = await tx
      .insert(urges)
      .values({
        stageId,
        requestId: request.id,
        institutionId: stage.ownerInstitutionId,
        county: request.county,
        note,
        urgedBy: actor.id,
        urgedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, 'urge.create', urge!.id, {
      stageId,
      requestId: request.id,
      institutionId: stage.ownerInstitutionId,
    });
    const recipients = await urgeRecipients(tx, stage.ownerInstitutionId, request.claimedOfficerId);
    for (const userId of recipients) {
      await notify(tx, {
        userId,
        kind: 'supervision.urge',
        title: `金融监管部门督办：${STAGE_NAMES[stage.stage]}已超时`,
        body: `融资需求 ${request.amount.toLocaleString('zh-CN')} 元 · ${request.termMonths} 个月（${request.id.slice(0, 8)}）：${note}。请确认督办并尽快办理。`,
        sourceEventId: `urge:${urge!.id}:${userId}`,
      });
    }
    await recordEvent(tx, {
      type: 'supervision.urge',
      aggregateId: urge!.id,
      payload: { urgeId: urge!.id, requestId: request.id, state: 'open', userIds: recipients },
    });
    return urge!.id;
  }).catch((err: unknown) => {
    // Two urges racing past the check: the one-open-urge index decides.
    if (uniqueViolation(err) !== null)
      throw new AppError('ALREADY_EXISTS', [{ path: 'id', message: 'urge.alreadyOpen' }]);
    throw err;
  });
  return (await findUrge(db, id))!;
}

/** The institution's admin or officer acknowledges an urge; the bureau that sent it is told. */
export async function acknowledgeUrge(
  { db, sla }: SupervisionContext,
  actor: Actor,
  urgeId: string,
  note: string | undefined,
) {
  await inTransaction(db, async (tx) => {
    const [urge] = await tx.select().from(urges).where(eq(urges.id, urgeId)).for('update');
    if (!urge) throw new AppError('NOT_FOUND');
    if (actor.institutionId !== urge.institutionId) throw new AppError('FORBIDDEN');
    if (urge.acknowledgedAt) throw invalid('urge.acknowledged');
    await tx
      .update(urges)
      .set({ acknowledgedBy: actor.id, acknowledgedAt: sla.now(), acknowledgementNote: note ?? null })
      .where(eq(urges.id, urgeId));
    await recordAudit(tx, actor, 'urge.acknowledge', urgeId, { requestId: urge.requestId });
    await notify(tx, {
      userId: urge.urgedBy,
      kind: 'supervision.urge_acknowledged',
      title: '督办已确认',
      body: `${actor.displayName} 已确认督办（${urge.requestId.slice(0, 8)}）${note ? `：${note}` : ''}`,
      sourceEventId: `urge-acknowledged:${urgeId}`,
    });
    await recordEvent(tx, {
      type: 'supervision.urge',
      aggregateId: urgeId,
      payload: { urgeId, requestId: urge.requestId, state: 'acknowledged', userIds: [urge.urgedBy] },
    });
  });
  return (await findUrge(db, urgeId))!;
}

/** Urges with their state: a bureau sees its scope, institution staff their own institution's. */
export async function listUrges(
  { db }: SupervisionContext,
  actor: Actor,
  query: {
    region?: string | undefined;
    state?: UrgeState | undefined;
    institutionId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const staff = actor.role === 'institution_admin' || actor.role === 'officer';
  if (staff && query.institutionId && query.institutionId !== actor.institutionId) throw new AppError('FORBIDDEN');
  const scope = staff ? null : await scopeOf(db, actor, query.region);
  const where = and(
    staff ? eq(urges.institutionId, actor.institutionId!) : inCounty(urges.county, scope!),
    query.institutionId ? eq(urges.institutionId, query.institutionId) : undefined,
    query.state ? sql`${urgeStateSql} = ${query.state}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectUrges(db)
      .where(where)
      .orderBy(desc(urges.urgedAt), asc(urges.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(urges).innerJoin(slaStages, eq(slaStages.id, urges.stageId)).where(where),
  ]);
  return pageOf(rows.map(urgeView), total!.n, query);
}
