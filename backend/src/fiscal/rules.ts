import type { CustomerType, ProductKind } from '../catalog/enums';
import type { ProgramKind } from './enums';

/**
 * The fiscal instruments' rules, pure (domain spec "Fiscal instruments"): which loans a program
 * covers, which products it can cover, and what a claim is worth. Shared by the API, the workers
 * (enrolment at disbursement), the seed and the web app (previews). Money is integer fen here
 * (yuan × 100) and rates integer basis points (1.00 % = 100), never floats.
 */

/** Which loans a program covers; an absent or empty list means "any". */
export interface ProgramEligibility {
  customerTypes?: CustomerType[] | undefined;
  industries?: string[] | undefined;
  counties?: string[] | undefined;
  productKinds?: ProductKind[] | undefined;
  productIds?: string[] | undefined;
  institutionIds?: string[] | undefined;
  /** Yuan. */
  maxAmount?: number | undefined;
  maxTermMonths?: number | undefined;
  /** 首贷: only a borrower's first loan disbursed on the platform. */
  firstLoanOnly?: boolean | undefined;
}

/** What a program pays, by kind; rates in basis points of a year, caps in fen. */
export interface ProgramTerms {
  kind: ProgramKind;
  /** 贴息: percentage points of annual rate paid back, and the most one borrower gets in a year. */
  subsidyRateBp?: number | null | undefined;
  perBorrowerCapPerYearFen?: number | null | undefined;
  /** 担保费补贴: the fee above this annual floor, this share of it, at most this annual share of the principal. */
  feeFloorBp?: number | null | undefined;
  feeShareBp?: number | null | undefined;
  feeCapBp?: number | null | undefined;
  /** 风险补偿: this share of the principal lost after recovery, at most this per loan. */
  lossShareBp?: number | null | undefined;
  capPerLoanFen?: number | null | undefined;
}

/** A disbursed (or planned) loan as the eligibility rule sees it. */
export interface LoanFacts {
  customerType: CustomerType;
  industry: string;
  county: string;
  productKind: ProductKind;
  productId: string | null;
  institutionId: string | null;
  /** Yuan. */
  amount: number;
  termMonths: number;
  /** No loan of this borrower was disbursed on the platform before. */
  firstLoan: boolean;
}

export type EligibilityRule = keyof ProgramEligibility;

const excludes = <T>(list: readonly T[] | undefined, value: T | null) =>
  list !== undefined && list.length > 0 && (value === null || !list.includes(value));

/** The rules of a program a loan breaks (empty: it qualifies), in the order the program lists them. */
export function eligibilityMisfits(rule: ProgramEligibility, loan: LoanFacts): EligibilityRule[] {
  const misfits: EligibilityRule[] = [];
  if (excludes(rule.customerTypes, loan.customerType)) misfits.push('customerTypes');
  if (excludes(rule.industries, loan.industry)) misfits.push('industries');
  if (excludes(rule.counties, loan.county)) misfits.push('counties');
  if (excludes(rule.productKinds, loan.productKind)) misfits.push('productKinds');
  if (excludes(rule.productIds, loan.productId)) misfits.push('productIds');
  if (excludes(rule.institutionIds, loan.institutionId)) misfits.push('institutionIds');
  if (rule.maxAmount !== undefined && loan.amount > rule.maxAmount) misfits.push('maxAmount');
  if (rule.maxTermMonths !== undefined && loan.termMonths > rule.maxTermMonths) misfits.push('maxTermMonths');
  if (rule.firstLoanOnly && !loan.firstLoan) misfits.push('firstLoanOnly');
  return misfits;
}

export const isEligible = (rule: ProgramEligibility, loan: LoanFacts) => eligibilityMisfits(rule, loan).length === 0;

/** A listed product as far as a program's rule can judge it before anyone borrows. */
export interface ProductReach {
  id: string;
  institutionId: string;
  kind: ProductKind;
  customerTypes: CustomerType[];
  allCounties: boolean;
  counties: string[];
  allIndustries: boolean;
  industries: string[];
  /** Yuan; null: no floor. */
  minAmount: number | null;
  minTermMonths: number | null;
}

const overlaps = <T>(rule: readonly T[] | undefined, offered: readonly T[], offersAll: boolean) =>
  !rule?.length || offersAll || rule.some((v) => offered.includes(v));

/**
 * Some loan of this product could qualify: the catalog marks it (「可享贴息」). Whether a given
 * loan does is `eligibilityMisfits` at disbursement; first loans are the borrower's, not the product's.
 */
export function coversProduct(rule: ProgramEligibility, p: ProductReach): boolean {
  return (
    !excludes(rule.productIds, p.id) &&
    !excludes(rule.productKinds, p.kind) &&
    !excludes(rule.institutionIds, p.institutionId) &&
    overlaps(rule.customerTypes, p.customerTypes, p.customerTypes.length === 0) &&
    overlaps(rule.counties, p.counties, p.allCounties) &&
    overlaps(rule.industries, p.industries, p.allIndustries) &&
    (rule.maxAmount === undefined || p.minAmount === null || p.minAmount <= rule.maxAmount) &&
    (rule.maxTermMonths === undefined || p.minTermMonths === null || p.minTermMonths <= rule.maxTermMonths)
  );
}

/** Days from `from` (included) to `to` (excluded), both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** numerator ÷ denominator rounded half up, exact for any size (amounts × rates × days overflow doubles' integers). */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Interest (or a subsidy, or a fee) at an annual rate on a principal for some days, on a 360-day year. */
export function accruedFen(principalFen: number, annualRateBp: number, days: number): number {
  if (principalFen <= 0 || annualRateBp <= 0 || days <= 0) return 0;
  return divideHalfUp(BigInt(principalFen) * BigInt(annualRateBp) * BigInt(days), 10_000n * 360n);
}

const share = (amountFen: number, bp: number) => divideHalfUp(BigInt(amountFen) * BigInt(bp), 10_000n);

export interface SubsidyPeriod {
  outstandingPrincipalFen: number;
  /** The interest actually paid in the period: a subsidy never exceeds it. */
  interestPaidFen: number;
  periodStart: string;
  periodEnd: string;
  /** What the borrower may still get this year under the program's cap (null: no cap). */
  capLeftFen: number | null;
}

/** 贴息: principal × subsidy rate × days ÷ 360, at most the interest paid and the cap left. */
export function interestSubsidyFen(subsidyRateBp: number, p: SubsidyPeriod): number {
  const computed = accruedFen(p.outstandingPrincipalFen, subsidyRateBp, daysBetween(p.periodStart, p.periodEnd));
  return Math.max(0, Math.min(computed, p.interestPaidFen, p.capLeftFen ?? Number.MAX_SAFE_INTEGER));
}

export interface FeePeriod {
  outstandingPrincipalFen: number;
  /** The guarantee fee paid for the period. */
  feePaidFen: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * 担保费补贴: the part of the fee above the floor (an annual rate on the principal; none: all of
 * it), times the share (none: all), at most the cap (an annual rate on the principal, 冠县 0.5 %).
 */
export function guaranteeFeeSubsidyFen(terms: ProgramTerms, p: FeePeriod): number {
  const days = daysBetween(p.periodStart, p.periodEnd);
  const above = p.feePaidFen - accruedFen(p.outstandingPrincipalFen, terms.feeFloorBp ?? 0, days);
  const subsidy = share(Math.max(0, above), terms.feeShareBp ?? 10_000);
  const cap = terms.feeCapBp != null ? accruedFen(p.outstandingPrincipalFen, terms.feeCapBp, days) : subsidy;
  return Math.max(0, Math.min(subsidy, cap));
}

/** 风险补偿: the loss after recovery × the program's share, at most the cap per loan. */
export function compensationFen(terms: ProgramTerms, lossFen: number): number {
  const compensation = share(Math.max(0, lossFen), terms.lossShareBp ?? 0);
  return terms.capPerLoanFen != null ? Math.min(compensation, terms.capPerLoanFen) : compensation;
}

/** What a recovery after compensation returns to the pool: the program's share of it, never more than it paid. */
export function recoveryReturnFen(terms: ProgramTerms, recoveredFen: number, paidNotReturnedFen: number): number {
  return Math.max(0, Math.min(share(recoveredFen, terms.lossShareBp ?? 0), paidNotReturnedFen));
}

/** 财政资金撬动倍数: yuan of loans moved per yuan of fiscal money paid (null until something is paid). */
export function leverage(loansFen: number, paidFen: number): number | null {
  return paidFen > 0 ? Math.round((loansFen / paidFen) * 100) / 100 : null;
}
