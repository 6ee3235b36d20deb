import {
  accruedFen,
  coversProduct,
  eligibilityMisfits,
  interestSubsidyFen,
  type LoanFacts,
  type ProductReach,
} from '@lcfin/backend/contract';
import type { Product } from '../catalog/product';
import type { Program } from './program';

/** A quarter as the estimate counts it: the 90 days of a 360-day year the subsidy arithmetic runs on. */
export const quarterDays = 90;

/** Percent as the API speaks it (0.5) to the basis points the arithmetic takes (50). */
export const basisPoints = (percent: number) => Math.round(percent * 100);

export const fenOfYuan = (yuan: number) => Math.round(yuan * 100);

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What a 贴息 program would pay back on a loan over one quarter: the subsidy rate on the principal for
 * 90 days, never above the interest the loan would cost at the product's lowest rate (the subsidy never
 * exceeds the interest paid), nor above the program's yearly cap per borrower. Null: the program is no
 * interest subsidy, or no rate is known to bound it.
 */
export function quarterlySubsidyFen(
  program: Program,
  principalYuan: number,
  annualRatePct: number | null,
): number | null {
  const subsidyRate = program.params.subsidyRatePct;
  if (program.kind !== 'interest_subsidy' || subsidyRate === undefined || annualRatePct === null) return null;
  const principalFen = fenOfYuan(principalYuan);
  // Any quarter: only its length counts.
  const periodStart = '2000-01-01';
  const cap = program.params.perBorrowerCapPerYear;
  return interestSubsidyFen(basisPoints(subsidyRate), {
    outstandingPrincipalFen: principalFen,
    interestPaidFen: accruedFen(principalFen, basisPoints(annualRatePct), quarterDays),
    periodStart,
    periodEnd: addDays(periodStart, quarterDays),
    capLeftFen: cap === undefined ? null : fenOfYuan(cap),
  });
}

/** A listed product as a program's rule sees it before anyone borrows. */
export function productReach(product: Product): ProductReach {
  return {
    id: product.id,
    institutionId: product.institution.id,
    kind: product.kind,
    customerTypes: product.customerTypes,
    allCounties: product.allCounties,
    counties: product.counties,
    allIndustries: product.allIndustries,
    industries: product.industries,
    minAmount: product.minAmount,
    minTermMonths: product.minTermMonths,
  };
}

/** The active programs that could cover some loan of the product (the product page's 政策支持). */
export const programsCoveringProduct = (programs: readonly Program[], product: Product) =>
  programs.filter((program) => coversProduct(program.eligibility, productReach(product)));

/**
 * The active programs a loan as the form describes it would be enrolled in at disbursement. Whether
 * it is the borrower's first loan the form cannot know: a 首贷-only program is kept and says so.
 */
export const programsForLoan = (programs: readonly Program[], loan: Omit<LoanFacts, 'firstLoan'>) =>
  programs.filter((program) => eligibilityMisfits(program.eligibility, { ...loan, firstLoan: true }).length === 0);
