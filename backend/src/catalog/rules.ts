import type { CustomerType, ProductKind, ProductStatus } from './schema';

/**
 * The catalog's domain rules, pure: what a product must hold to be listed, whether it fits
 * an applicant's need, and the rules in plain words. Shared by the API and the matcher.
 */
export interface ProductTerms {
  kind: ProductKind;
  status: ProductStatus;
  minAmount: number | null;
  maxAmount: number | null;
  minTermMonths: number | null;
  maxTermMonths: number | null;
  minRateBp: number | null;
  maxRateBp: number | null;
  customerTypes: CustomerType[];
  allCounties: boolean;
  counties: string[];
  allIndustries: boolean;
  industries: string[];
}

/** What an applicant asks for; any part may be unknown. */
export interface Need {
  amount?: number | undefined;
  termMonths?: number | undefined;
  county?: string | undefined;
  customerType?: CustomerType | undefined;
  industry?: string | undefined;
}

export interface Problem {
  path: string;
  message: string;
}

/** Annual rates a listed product may plausibly carry: 0.5 % to the 24 % legal protection ceiling. */
const PLAUSIBLE_RATE_BP = { min: 50, max: 2400 } as const;

const RANGES = [
  ['minAmount', 'maxAmount'],
  ['minTermMonths', 'maxTermMonths'],
  ['minRateBp', 'maxRateBp'],
] as const;

/** API field names (rates are percent there) for the stored ones. */
const API_FIELD: Record<string, string> = { minRateBp: 'minRate', maxRateBp: 'maxRate' };
const apiField = (field: string) => API_FIELD[field] ?? field;

/** Ranges must not be upside down, whatever the product's state. */
export function consistencyProblems(p: ProductTerms): Problem[] {
  const problems: Problem[] = [];
  for (const [min, max] of RANGES) {
    const lo = p[min];
    const hi = p[max];
    if (lo !== null && hi !== null && lo > hi) problems.push({ path: apiField(max), message: 'range.minAboveMax' });
  }
  return problems;
}

/** Everything a product needs before the public may see it. */
export function listingProblems(p: ProductTerms): Problem[] {
  const problems: Problem[] = [];
  for (const [min, max] of RANGES) {
    for (const field of [min, max]) {
      if (p[field] === null) problems.push({ path: apiField(field), message: 'product.requiredToList' });
    }
  }
  for (const field of ['minRateBp', 'maxRateBp'] as const) {
    const rate = p[field];
    if (rate !== null && (rate < PLAUSIBLE_RATE_BP.min || rate > PLAUSIBLE_RATE_BP.max)) {
      problems.push({ path: apiField(field), message: 'rate.implausible' });
    }
  }
  if (p.customerTypes.length === 0) problems.push({ path: 'customerTypes', message: 'product.requiredToList' });
  if (!p.allCounties && p.counties.length === 0) problems.push({ path: 'counties', message: 'product.requiredToList' });
  if (!p.allIndustries && p.industries.length === 0) {
    problems.push({ path: 'industries', message: 'product.requiredToList' });
  }
  return [...consistencyProblems(p), ...problems];
}

const within = (value: number | undefined, lo: number | null, hi: number | null) =>
  value === undefined || (lo !== null && hi !== null && lo <= value && value <= hi);

/** The parts of a need a product does not allow, by field name (empty when it fits). */
export function misfits(p: ProductTerms, need: Need): (keyof Need)[] {
  const fields: (keyof Need)[] = [];
  if (!within(need.amount, p.minAmount, p.maxAmount)) fields.push('amount');
  if (!within(need.termMonths, p.minTermMonths, p.maxTermMonths)) fields.push('termMonths');
  if (need.customerType !== undefined && !p.customerTypes.includes(need.customerType)) fields.push('customerType');
  if (need.county !== undefined && !p.allCounties && !p.counties.includes(need.county)) fields.push('county');
  if (need.industry !== undefined && !p.allIndustries && !p.industries.includes(need.industry)) fields.push('industry');
  return fields;
}

/** Whether a listed product's ranges and rules allow this need (the catalog's "fits me" and the matcher). */
export function fits(p: ProductTerms, need: Need): boolean {
  return p.status === 'listed' && misfits(p, need).length === 0;
}

export const percentToBp = (rate: number) => Math.round(rate * 100);
export const bpToPercent = (bp: number | null) => (bp === null ? null : bp / 100);
