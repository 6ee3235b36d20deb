import type { Certification, TaxCreditRating } from './enums';
import type { ProfileViewType } from './views';

/**
 * What a bank may see of an applicant before it claims the request (the consented summary):
 * bands, never an exact figure or an identity — 纳税信用 A、社保 20–50 人、成立 5 年以上. Pure: the
 * web app imports it (contract.ts) and words each band in the reader's language.
 */

/** A range of a count, of years or of yuan: `from` inclusive, `to` exclusive (null: no upper bound). */
export interface Band {
  from: number;
  to: number | null;
}

export interface ProfileSummary {
  taxCreditRating?: TaxCreditRating;
  /** Social-insurance headcount when imported, else the declared number of employees. */
  headcount?: Band;
  yearsInBusiness?: Band;
  lastYearRevenue?: Band;
  registeredCapital?: Band;
  /** Liabilities over assets, in percent. */
  debtRatio?: Band;
  certifications?: Certification[];
  hasAdministrativePenalties?: boolean;
  dishonestDebtor?: boolean;
  utilityArrears?: boolean;
  incomeBand?: string;
  agriculturalEntityType?: string;
  landContractArea?: Band;
}

const WAN = 10_000;
const HEADCOUNT_BOUNDS = [0, 10, 20, 50, 100, 300];
const YEAR_BOUNDS = [0, 1, 3, 5, 10];
const REVENUE_BOUNDS = [0, 100 * WAN, 500 * WAN, 2_000 * WAN, 10_000 * WAN];
const CAPITAL_BOUNDS = [0, 100 * WAN, 500 * WAN, 1_000 * WAN, 5_000 * WAN];
const DEBT_RATIO_BOUNDS = [0, 30, 50, 70, 100];
const LAND_AREA_BOUNDS = [0, 10, 50, 100, 500];

/** The band of `bounds` (ascending, starting at 0) that holds `value`. */
export function bandOf(value: number, bounds: readonly number[]): Band {
  let i = bounds.length - 1;
  while (i > 0 && value < bounds[i]!) i--;
  return { from: bounds[i]!, to: bounds[i + 1] ?? null };
}

/** Whole years from `since` to `today` (both YYYY-MM-DD): a birthday-style count. */
export function wholeYears(since: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(since.slice(0, 4));
  return today.slice(5) >= since.slice(5) ? years : years - 1;
}

/** `today` (YYYY-MM-DD, Asia/Shanghai) dates the years in business. */
export function profileSummary(profile: Pick<ProfileViewType, 'fields'>, today: string): ProfileSummary {
  const { fields } = profile;
  const summary: ProfileSummary = {};
  if (fields.taxCreditRating) summary.taxCreditRating = fields.taxCreditRating.value;
  const headcount = fields.socialInsuranceHeadcount?.value ?? fields.employees?.value;
  if (headcount !== undefined) summary.headcount = bandOf(headcount, HEADCOUNT_BOUNDS);
  if (fields.establishedOn) {
    summary.yearsInBusiness = bandOf(Math.max(0, wholeYears(fields.establishedOn.value, today)), YEAR_BOUNDS);
  }
  if (fields.lastYearRevenue) summary.lastYearRevenue = bandOf(fields.lastYearRevenue.value, REVENUE_BOUNDS);
  if (fields.registeredCapital) summary.registeredCapital = bandOf(fields.registeredCapital.value, CAPITAL_BOUNDS);
  const assets = fields.totalAssets?.value;
  const liabilities = fields.totalLiabilities?.value;
  if (assets && liabilities !== undefined) {
    summary.debtRatio = bandOf((liabilities / assets) * 100, DEBT_RATIO_BOUNDS);
  }
  if (fields.certifications?.value.length) summary.certifications = [...fields.certifications.value];
  if (fields.administrativePenalties) summary.hasAdministrativePenalties = fields.administrativePenalties.value > 0;
  if (fields.dishonestDebtor) summary.dishonestDebtor = fields.dishonestDebtor.value;
  if (fields.utilityPaymentRecord) summary.utilityArrears = fields.utilityPaymentRecord.value === 'arrears';
  if (fields.incomeBand) summary.incomeBand = fields.incomeBand.value;
  if (fields.agriculturalEntityType) summary.agriculturalEntityType = fields.agriculturalEntityType.value;
  if (fields.landContractArea) summary.landContractArea = bandOf(fields.landContractArea.value, LAND_AREA_BOUNDS);
  return summary;
}
