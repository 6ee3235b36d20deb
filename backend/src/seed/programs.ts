/**
 * The fiscal programs (财金协同) the demo and the Liaocheng history run under, pure: the city's
 * 创业担保贷款贴息 and 政府性融资担保费补贴, and 冠县's 35,100,000-yuan risk-compensation pool (the
 * sister county platform's published figure). Both sets have the same rules; the demo's run for the
 * three years from January of the year its weeks of use begin (dated from today, as the living demo
 * is), the history's for the 2023—2025 cycle its two fixed years fall in — so the two never cover
 * the same loans. Policy document numbers are illustrative.
 */
import type { ProgramKind } from '../fiscal/enums';
import type { ProgramEligibility } from '../fiscal/rules';
import type { StoredTerms } from '../fiscal/schema';
import { REFERENCE_DATA } from '../reference/load';

export const GUANXIAN = '371525';
export const CITY_CODE = REFERENCE_DATA.city.code;

export interface SeedProgram {
  kind: ProgramKind;
  name: string;
  policyRef: string;
  /** The funding region: the city's code or a county's. */
  region: string;
  /** Yuan. */
  budget: number;
  startsOn: string;
  endsOn: string;
  eligibility: ProgramEligibility;
  terms: StoredTerms;
}

/** The rules of each program, whatever its period; `year` is the year its policy document was issued. */
function programsOf(year: number, suffix: string): Omit<SeedProgram, 'budget' | 'startsOn' | 'endsOn'>[] {
  return [
    {
      kind: 'interest_subsidy',
      name: `创业担保贷款贴息${suffix}`,
      policyRef: `聊财金〔${year}〕18号`,
      region: CITY_CODE,
      // Start-ups and small businesses borrowing on credit or a guarantee, up to 3,000,000 yuan for 3 years.
      eligibility: {
        customerTypes: ['enterprise', 'sole_trader'],
        productKinds: ['credit', 'guarantee'],
        maxAmount: 3_000_000,
        maxTermMonths: 36,
      },
      // 1.5 percentage points of the rate, at most 20,000 yuan a borrower a year.
      terms: { subsidyRateBp: 150, perBorrowerCapPerYearFen: 2_000_000 },
    },
    {
      kind: 'risk_compensation',
      name: `冠县风险补偿资金池${suffix}`,
      policyRef: `冠财金〔${year}〕6号`,
      region: GUANXIAN,
      eligibility: {
        counties: [GUANXIAN],
        customerTypes: ['enterprise', 'sole_trader', 'farmer'],
        maxAmount: 10_000_000,
      },
      // 40 % of the principal lost after recovery, at most 2,000,000 yuan a loan.
      terms: { lossShareBp: 4_000, capPerLoanFen: 200_000_000 },
    },
    {
      kind: 'guarantee_fee_subsidy',
      name: `政府性融资担保费补贴${suffix}`,
      policyRef: `聊财金〔${year}〕21号`,
      region: CITY_CODE,
      eligibility: { productKinds: ['guarantee'], maxAmount: 10_000_000 },
      // The fee paid, up to 0.5 % a year of the guaranteed principal.
      terms: { feeCapBp: 50 },
    },
  ];
}

/** What each program of the demo may spend (yuan): the 冠县 pool's is the published 35,100,000. */
const DEMO_BUDGETS: Record<ProgramKind, number> = {
  interest_subsidy: 10_000_000,
  risk_compensation: 35_100_000,
  guarantee_fee_subsidy: 3_000_000,
};

/** The demo's programs: a three-year cycle from January of `firstYear`, the year the demo's loans begin. */
export function demoPrograms(firstYear: number): SeedProgram[] {
  return programsOf(firstYear, '').map((p) => ({
    ...p,
    budget: DEMO_BUDGETS[p.kind],
    startsOn: `${firstYear}-01-01`,
    endsOn: `${firstYear + 2}-12-31`,
  }));
}

/**
 * What each program of the history may spend at the published scale (yuan), set for the three
 * years of its cycle: its first two claim about 6,200,000 and 760,000 yuan of the subsidies (and
 * the pool, as pools do, pays out little). A smaller scale (`share` of the money) gets its share.
 */
const HISTORY_BUDGETS: Record<ProgramKind, number> = {
  interest_subsidy: 10_000_000,
  risk_compensation: 35_100_000,
  guarantee_fee_subsidy: 1_500_000,
};

/** The history's programs: the 2023—2025 cycle, from the history's first day; `share` scales the budgets. */
export function historyPrograms(startsOn: string, share: number): SeedProgram[] {
  return programsOf(2023, '（2023—2025年）').map((p) => ({
    ...p,
    budget: Math.max(1_000, Math.round((HISTORY_BUDGETS[p.kind] * share) / 1_000) * 1_000),
    startsOn,
    endsOn: '2025-12-31',
  }));
}
