/**
 * Writes the fiscal programs' rows (fiscal.ts) the way the seed writes its other tables: the
 * programs themselves, then enrolments, servicing reports, claims and the ledger in bulk, and each
 * program charged with what its new claims committed and paid. The Liaocheng history's part runs
 * its 2023—2025 programs over the history's disbursed loans.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { ProductKind } from '../catalog/enums';
import { products } from '../catalog/schema';
import type { Tx } from '../db/client';
import { programClaims, programEnrollments, programLedger, programs, servicingReports } from '../fiscal/schema';
import { institutions } from '../institutions/schema';
import { loanRequests } from '../requests/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { REFERENCE_DATA } from '../reference/load';
import {
  fiscalLoan,
  simulateFiscal,
  type FiscalHistory,
  type FiscalLags,
  type FiscalLoan,
  type FiscalProgram,
  type LoanPace,
} from './fiscal';
import { countyName, HISTORY, LIAOCHENG_PEOPLE, type PeopleScale } from './liaocheng';
import { seededBureauStaff, seedUsernamePrefix, UNUSABLE_PASSWORD_HASH } from './people';
import { CITY_CODE, historyPrograms, type SeedProgram } from './programs';
import { Rng } from './random';
import { bulkInsert, lastSeedNumber } from './write';

/** A program as the seed writes it: `staff` (the funding region's bureau) created it and runs its claims. */
export async function insertPrograms(
  tx: Tx,
  rng: Rng,
  specs: readonly SeedProgram[],
  staffOf: (region: string) => readonly string[],
  at: Date,
): Promise<FiscalProgram[]> {
  const rows = specs.map((p) => ({
    id: rng.uuid(),
    kind: p.kind,
    name: p.name,
    policyRef: p.policyRef,
    region: p.region,
    budgetFen: p.budget * 100,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: 'active' as const,
    eligibility: p.eligibility,
    terms: p.terms,
    createdBy: staffOf(p.region)[0]!,
    createdAt: at,
    updatedAt: at,
    activatedAt: at,
  }));
  if (rows.length) await tx.insert(programs).values(rows);
  return rows.map((r) => ({ ...r, spentFen: 0, staff: staffOf(r.region) }));
}

/** The rows of a fiscal history, and each program charged with its new claims (one guarded UPDATE each, as approvals are). */
export async function insertFiscalHistory(tx: Tx, history: FiscalHistory): Promise<void> {
  await bulkInsert(tx, programEnrollments, history.enrolments);
  await bulkInsert(tx, servicingReports, history.reports);
  await bulkInsert(tx, programClaims, history.claims);
  await bulkInsert(tx, programLedger, history.ledger);
  for (const [id, { committedFen, paidFen }] of history.charged) {
    if (committedFen === 0 && paidFen === 0) continue;
    await tx
      .update(programs)
      .set({
        committedFen: sql`${programs.committedFen} + ${committedFen}`,
        paidFen: sql`${programs.paidFen} + ${paidFen}`,
      })
      .where(eq(programs.id, id));
  }
}

/**
 * The history's pace: banks settle and report quarterly and most subsidies are claimed; a few
 * loans run overdue, and 2.5 % are drawn to default — about 1 % have by the history's end.
 */
const HISTORY_PACE: LoanPace = { periodMonths: 3, claimChance: 0.9, overdueChance: 0.04, defaultChance: 0.025 };
const HISTORY_LAGS: FiscalLags = { report: [3, 15], claim: [2, 30], review: [2, 10], check: [1, 7], pay: [5, 30] };

/** Who ran the history's programs: two people of each funding region's bureau (the second checks what the first reviewed). */
const STAFF_PER_BUREAU = 2;

export interface FiscalSeedReport {
  programs: number;
  enrolments: number;
  reports: number;
  claims: number;
}

/**
 * The 2023—2025 programs over the history's disbursed loans: created where missing, then every
 * disbursed loan with a value date in their period that none of them covers yet is enrolled where
 * its rule fits, reported quarterly, claimed and paid, as of the history's end. A second run finds
 * every such loan enrolled and adds nothing.
 */
export async function topUpFiscal(tx: Tx, seed: number, people: PeopleScale): Promise<FiscalSeedReport> {
  const rng = new Rng(seed ^ 0x0f15_ca1e);
  const specs = historyPrograms(shanghaiDay(HISTORY.start), people.disbursedYuan / LIAOCHENG_PEOPLE.disbursedYuan);
  const staff = await historicBureauStaff(tx, seed, [...new Set(specs.map((p) => p.region))]);
  const staffOf = (region: string) => staff.get(region)!;
  const existing = await tx
    .select()
    .from(programs)
    .where(
      inArray(
        programs.name,
        specs.map((p) => p.name),
      ),
    );
  const found = (p: SeedProgram) => existing.find((e) => e.name === p.name && e.region === p.region);
  const created = await insertPrograms(
    tx,
    rng,
    specs.filter((p) => !found(p)),
    staffOf,
    HISTORY.start,
  );
  const all: FiscalProgram[] = [
    ...created,
    ...existing.map((e) => ({ ...e, spentFen: e.committedFen + e.paidFen, staff: staffOf(e.region) })),
  ];
  const loans = await historyLoans(tx, all);
  const history = simulateFiscal(seed, all, loans, HISTORY.end, HISTORY_LAGS);
  await insertFiscalHistory(tx, history);
  return {
    programs: created.length,
    enrolments: history.enrolments.length,
    reports: history.reports.length,
    claims: history.claims.length,
  };
}

/**
 * The disbursed loans none of these programs covers yet whose value date falls in one of their
 * periods, as the enrolment rule sees them (product kind: the product's, else the collateral; first
 * loan: the applicant's earliest disbursed one), in a fixed order.
 */
async function historyLoans(tx: Tx, covering: readonly FiscalProgram[]): Promise<FiscalLoan[]> {
  const ids = covering.map((p) => p.id);
  const from = covering.reduce((min, p) => (p.startsOn < min ? p.startsOn : min), '9999-12-31');
  const to = covering.reduce((max, p) => (p.endsOn > max ? p.endsOn : max), '0000-01-01');
  const rows = await tx
    .select({
      request: loanRequests,
      productKind: sql<ProductKind>`coalesce(${products.kind}, ${loanRequests.collateral})`,
      institutionName: institutions.name,
      // Over every disbursed loan, before the period is narrowed to the programs'.
      firstLoan: sql<boolean>`row_number() over (partition by ${loanRequests.applicantId}
        order by ${loanRequests.valueDate}, ${loanRequests.updatedAt}, ${loanRequests.id}) = 1`,
    })
    .from(loanRequests)
    .innerJoin(institutions, eq(institutions.id, loanRequests.claimedInstitutionId))
    .leftJoin(products, eq(products.id, loanRequests.productId))
    .where(and(eq(loanRequests.status, 'disbursed'), isNotNull(loanRequests.valueDate)))
    .orderBy(loanRequests.id);
  const enrolled = new Set(
    (
      await tx
        .selectDistinct({ id: programEnrollments.requestId })
        .from(programEnrollments)
        .where(inArray(programEnrollments.programId, ids))
    ).map((e) => e.id),
  );
  return rows
    .filter(({ request: r }) => r.valueDate! >= from && r.valueDate! <= to && !enrolled.has(r.id))
    .map(({ request, productKind, institutionName, firstLoan }) =>
      fiscalLoan(request, {
        productKind,
        institutionName,
        firstLoan: Boolean(firstLoan),
        // The history's disbursed requests end with their disbursement.
        disbursedAt: request.updatedAt,
        pace: HISTORY_PACE,
      }),
    );
}

/**
 * The bureau staff who ran the history's programs, two per funding region, created where missing.
 * Disabled, as the history's officers are: the people they stand for are history and cannot sign in.
 */
async function historicBureauStaff(tx: Tx, seed: number, regions: readonly string[]) {
  const existing = await tx
    .select({ id: users.id, regionCode: users.regionCode })
    .from(users)
    .where(and(eq(users.role, 'bureau'), sql`${users.username} like ${`${seedUsernamePrefix('bureau')}%`}`))
    .orderBy(users.username);
  let n = await lastSeedNumber(tx, 'bureau');
  const staff = new Map<string, string[]>();
  for (const region of regions) {
    // A bureau account's region is the county it supervises, none for the city's.
    const regionCode = region === CITY_CODE ? null : region;
    const name = `${regionCode ? countyName(regionCode) : REFERENCE_DATA.city.name}财政局`;
    const ids = existing.filter((u) => u.regionCode === regionCode).map((u) => u.id);
    while (ids.length < STAFF_PER_BUREAU) {
      const person = seededBureauStaff(seed, ++n, name);
      await tx.insert(users).values({
        ...person,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        role: 'bureau',
        regionCode,
        status: 'disabled',
        createdAt: HISTORY.start,
      });
      ids.push(person.id);
    }
    staff.set(region, ids);
  }
  return staff;
}
