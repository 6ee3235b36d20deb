import { and, asc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/roles';
import { CLAIM_STATUSES } from '../fiscal/enums';
import { leverage } from '../fiscal/rules';
import { programClaims, programEnrollments, programLedger, programs } from '../fiscal/schema';
import type { FiscalViewType } from '../fiscal/views';
import { regions } from '../reference/schema';
import { addDays, dayStart, type DayRange } from './figures';
import { assertOrdered, inDays, num, scopeOf, type PeriodQuery, type Scope, type SupervisionContext } from './scope';

/**
 * The bureau's fiscal view (财金协同): per program of its region, the loans the program covers,
 * its claims by state, its budget's standing and its leverage (财政资金撬动倍数), and the sums.
 * Each figure is one set-based aggregate over the program's rows, whatever their number.
 */

type Figures = FiscalViewType['total'];

/**
 * The programs a scope holds: the city bureau and the admin see every program, or those funded by
 * the region they name; a county bureau, its own county's programs. Drafts are left out: no money
 * moves under them yet, and their budgets are no one's to count.
 */
export function programsOf(scope: Scope, query: PeriodQuery): SQL | undefined {
  const funder = query.region !== undefined || scope.county !== null ? eq(programs.region, scope.region) : undefined;
  return and(ne(programs.status, 'draft'), funder);
}

/** Instants within the Shanghai days of `range`. */
export function inInstants(column: PgColumn, range: DayRange): SQL | undefined {
  return and(
    range.from ? gte(column, dayStart(range.from)) : undefined,
    range.to ? lt(column, dayStart(addDays(range.to, 1))) : undefined,
  );
}

function figuresOf(row: {
  loansCovered: number;
  coveredAmount: number;
  claims: Figures['claims'];
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  paidInPeriodFen: number;
}): Figures {
  return {
    ...row,
    remainingFen: row.budgetFen - row.committedFen - row.paidFen,
    // Yuan of loans against fen paid: the loans in fen, so the ratio is yuan per yuan.
    leverage: leverage(row.coveredAmount * 100, row.paidFen),
  };
}

const noClaims = (): Figures['claims'] =>
  Object.fromEntries(CLAIM_STATUSES.map((s) => [s, { count: 0, amountFen: 0 }])) as Figures['claims'];

/** The sums of every program's figures; the total leverage from the sums, not an average of ratios. */
function totalOf(items: Figures[]): Figures {
  const claims = noClaims();
  for (const item of items) {
    for (const status of CLAIM_STATUSES) {
      claims[status].count += item.claims[status].count;
      claims[status].amountFen += item.claims[status].amountFen;
    }
  }
  const sum = (key: 'loansCovered' | 'coveredAmount' | 'budgetFen' | 'committedFen' | 'paidFen' | 'paidInPeriodFen') =>
    items.reduce((n, item) => n + item[key], 0);
  return figuresOf({
    loansCovered: sum('loansCovered'),
    coveredAmount: sum('coveredAmount'),
    claims,
    budgetFen: sum('budgetFen'),
    committedFen: sum('committedFen'),
    paidFen: sum('paidFen'),
    paidInPeriodFen: sum('paidInPeriodFen'),
  });
}

/**
 * `GET /supervision/fiscal`: loans covered (value date within the period), claims by state (claimed
 * within it) and the money paid within it (payments less recoveries, by their dates); the budget,
 * committed, paid and remaining as they stand now, whatever the period.
 */
export async function fiscalView(ctx: SupervisionContext, actor: Actor, query: PeriodQuery): Promise<FiscalViewType> {
  assertOrdered(query);
  const { db } = ctx;
  const scope = await scopeOf(db, actor, query.region);
  const range: DayRange = { from: query.from ?? null, to: query.to ?? null };
  const inScope = programsOf(scope, query);

  const programRows = await db
    .select({
      id: programs.id,
      name: programs.name,
      kind: programs.kind,
      region: programs.region,
      status: programs.status,
      budgetFen: programs.budgetFen,
      committedFen: programs.committedFen,
      paidFen: programs.paidFen,
    })
    .from(programs)
    .innerJoin(regions, eq(regions.code, programs.region))
    .where(inScope)
    .orderBy(asc(regions.sortOrder), asc(programs.region), asc(programs.kind), asc(programs.name), asc(programs.id));
  const ids = programRows.map((p) => p.id);
  if (ids.length === 0) return { region: scope.region, regionName: scope.regionName, items: [], total: totalOf([]) };

  // Set-based aggregates, one per table, over the programs' ids as a list: the planner can then
  // read them in index order, grouping without a hash.
  const periodBound = range.from !== null || range.to !== null;
  const [coveredRows, claimRows, paidRows] = await Promise.all([
    db
      .select({
        programId: programEnrollments.programId,
        loans: num(sql`count(*)`),
        amount: num(sql`sum(${programEnrollments.principal})`),
      })
      .from(programEnrollments)
      .where(and(inArray(programEnrollments.programId, ids), inDays(programEnrollments.valueDate, range)))
      .groupBy(programEnrollments.programId),
    db
      .select({
        programId: programClaims.programId,
        status: programClaims.status,
        count: num(sql`count(*)`),
        amountFen: num(sql`sum(${programClaims.amountFen})`),
      })
      .from(programClaims)
      .where(and(inArray(programClaims.programId, ids), inInstants(programClaims.claimedAt, range)))
      .groupBy(programClaims.programId, programClaims.status),
    // Without a period, what was paid in it is what the program has paid: its payments less the
    // recoveries returned, the ledger's sum, kept on the program by the same statements.
    periodBound
      ? db
          .select({ programId: programLedger.programId, fen: num(sql`sum(${programLedger.amountFen})`) })
          .from(programLedger)
          .where(
            and(
              inArray(programLedger.programId, ids),
              inArray(programLedger.kind, ['pay', 'recovery']),
              inDays(programLedger.on, range),
            ),
          )
          .groupBy(programLedger.programId)
      : programRows.map((p) => ({ programId: p.id, fen: p.paidFen })),
  ]);

  const coveredOf = new Map(coveredRows.map((r) => [r.programId, r]));
  const paidOf = new Map(paidRows.map((r) => [r.programId, r.fen]));
  const claimsOf = new Map<string, Figures['claims']>();
  for (const { programId, status, count, amountFen } of claimRows) {
    const claims = claimsOf.get(programId) ?? claimsOf.set(programId, noClaims()).get(programId)!;
    claims[status] = { count, amountFen };
  }
  const items = programRows.map(({ id, name, kind, region, status, budgetFen, committedFen, paidFen }) => ({
    program: { id, name, kind, region, status },
    ...figuresOf({
      loansCovered: coveredOf.get(id)?.loans ?? 0,
      coveredAmount: coveredOf.get(id)?.amount ?? 0,
      claims: claimsOf.get(id) ?? noClaims(),
      budgetFen,
      committedFen,
      paidFen,
      paidInPeriodFen: paidOf.get(id) ?? 0,
    }),
  }));
  return { region: scope.region, regionName: scope.regionName, items, total: totalOf(items) };
}
