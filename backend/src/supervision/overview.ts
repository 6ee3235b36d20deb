import { and, count, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { products } from '../catalog/schema';
import type { Database } from '../db/client';
import { institutions } from '../institutions/schema';
import {
  addDays,
  changeOf,
  dayStart,
  periodOf,
  ratesOf,
  REQUEST_COUNTERS,
  shanghaiDay,
  type DayRange,
} from './figures';
import { disbursals, registrationsDaily, requestsDaily } from './schema';
import {
  assertOrdered,
  bucketOf,
  inCounty,
  inDays,
  num,
  scopeOf,
  type PeriodQuery,
  type Scope,
  type SupervisionContext,
} from './scope';
import type { Interval } from './enums';

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
