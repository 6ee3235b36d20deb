import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Database } from '../db/client';
import { institutions } from '../institutions/schema';
import { loanRequests, slaStages } from '../requests/schema';
import { SLA_STAGES, type SlaStage } from '../lifecycle/state-machine';
import { dueInDays, isBreach, stagesInScope } from './breaches';
import { periodOf, rank, ratio, shanghaiDay, type RankedGroup, type StageFigures } from './figures';
import { stageTimes } from './schema';
import {
  assertOrdered,
  bucketOf,
  inCounty,
  inDays,
  num,
  scopeOf,
  type PeriodQuery,
  type SupervisionContext,
} from './scope';
import type { GroupBy, Interval } from './enums';

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
