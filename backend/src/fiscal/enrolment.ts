import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { products } from '../catalog/schema';
import type { Executor } from '../db/client';
import { loanRequests } from '../requests/schema';
import { activePrograms, cityCodeOf, programRule, type ProgramRow } from './program-scope';
import { isEligible, type LoanFacts } from './rules';
import { programEnrollments } from './schema';

/**
 * Enrolment: a disbursed loan joins every active program whose rule it meets on its value date.
 * The loan's facts are read as disbursed — amount disbursed, term approved, its product's kind (or
 * the collateral asked for), the lending institution, and whether it is the borrower's first loan
 * (首贷: none of theirs was disbursed before it). Idempotent: a loan enrols in a program once.
 */

/** A loan's facts as the rule reads them; before disbursement, as approved or asked. */
export function selectLoanFacts(db: Executor) {
  return db
    .select({
      id: loanRequests.id,
      customerType: loanRequests.customerType,
      industry: loanRequests.industry,
      county: loanRequests.county,
      collateral: loanRequests.collateral,
      productKind: products.kind,
      productId: loanRequests.productId,
      institutionId: loanRequests.claimedInstitutionId,
      amount:
        sql<number>`coalesce(${loanRequests.disbursedAmount}, ${loanRequests.approvedAmount}, ${loanRequests.amount})`.mapWith(
          Number,
        ),
      termMonths: sql<number>`coalesce(${loanRequests.approvedTermMonths}, ${loanRequests.termMonths})`,
      valueDate: loanRequests.valueDate,
      firstLoan: sql<boolean>`not exists (select 1 from ${loanRequests} as earlier
        where earlier.applicant_id = ${loanRequests.applicantId} and earlier.status = 'disbursed' and earlier.id <> ${loanRequests.id}
        and (earlier.value_date, earlier.created_at) < (coalesce(${loanRequests.valueDate}, 'infinity'::date), ${loanRequests.createdAt}))`,
    })
    .from(loanRequests)
    .leftJoin(products, eq(products.id, loanRequests.productId));
}

export type LoanFactsRow = Awaited<ReturnType<ReturnType<typeof selectLoanFacts>['where']>>[number];

export function loanFactsOf(loan: LoanFactsRow): LoanFacts {
  return {
    customerType: loan.customerType,
    industry: loan.industry,
    county: loan.county,
    productKind: loan.productKind ?? loan.collateral,
    productId: loan.productId,
    institutionId: loan.institutionId,
    amount: loan.amount,
    termMonths: loan.termMonths,
    firstLoan: loan.firstLoan,
  };
}

const runsOn = (p: ProgramRow, day: string) => p.startsOn <= day && day <= p.endsOn;

async function enrol(db: Executor, pairs: { program: ProgramRow; loan: LoanFactsRow }[]): Promise<number> {
  if (!pairs.length) return 0;
  const rows = await db
    .insert(programEnrollments)
    .values(
      pairs.map(({ program, loan }) => ({
        programId: program.id,
        requestId: loan.id,
        principal: loan.amount,
        valueDate: loan.valueDate!,
      })),
    )
    .onConflictDoNothing()
    .returning({ programId: programEnrollments.programId });
  return rows.length;
}

/** The worker's step on a disbursement: the loan joins the active programs it qualifies for. */
export async function enrolDisbursedLoan(db: Executor, requestId: string): Promise<number> {
  const [loan] = await selectLoanFacts(db).where(
    and(eq(loanRequests.id, requestId), eq(loanRequests.status, 'disbursed')),
  );
  if (!loan?.valueDate) return 0;
  const cityCode = await cityCodeOf(db);
  const facts = loanFactsOf(loan);
  const programs = (await activePrograms(db)).filter(
    (p) => runsOn(p, loan.valueDate!) && isEligible(programRule(p, cityCode), facts),
  );
  return enrol(
    db,
    programs.map((program) => ({ program, loan })),
  );
}

/** A program just activated: the loans already disbursed within its period join it. */
export async function enrolLoansDisbursedBefore(db: Executor, program: ProgramRow, cityCode: string): Promise<number> {
  const rule = programRule(program, cityCode);
  const loans = await selectLoanFacts(db).where(
    and(
      eq(loanRequests.status, 'disbursed'),
      gte(loanRequests.valueDate, program.startsOn),
      lte(loanRequests.valueDate, program.endsOn),
    ),
  );
  return enrol(
    db,
    loans.filter((loan) => isEligible(rule, loanFactsOf(loan))).map((loan) => ({ program, loan })),
  );
}
