import { describe, expect, it } from 'vitest';
import {
  accruedFen,
  compensationFen,
  coversProduct,
  daysBetween,
  eligibilityMisfits,
  guaranteeFeeSubsidyFen,
  interestSubsidyFen,
  leverage,
  recoveryReturnFen,
  type LoanFacts,
  type ProductReach,
} from './rules';

const loan: LoanFacts = {
  customerType: 'sole_trader',
  industry: 'F',
  county: '371521',
  productKind: 'guarantee',
  productId: 'p1',
  institutionId: 'i1',
  amount: 200_000,
  termMonths: 24,
  firstLoan: true,
};

describe('eligibility', () => {
  it('an empty rule covers every loan', () => {
    expect(eligibilityMisfits({}, loan)).toEqual([]);
    expect(eligibilityMisfits({ customerTypes: [], counties: [] }, loan)).toEqual([]);
  });

  it('names every rule a loan breaks, in the order the program lists them', () => {
    const rule = {
      customerTypes: ['enterprise' as const],
      industries: ['A'],
      counties: ['371502'],
      productKinds: ['credit' as const],
      productIds: ['p2'],
      institutionIds: ['i2'],
      maxAmount: 199_999,
      maxTermMonths: 12,
      firstLoanOnly: true,
    };
    expect(eligibilityMisfits(rule, { ...loan, firstLoan: false })).toEqual([
      'customerTypes',
      'industries',
      'counties',
      'productKinds',
      'productIds',
      'institutionIds',
      'maxAmount',
      'maxTermMonths',
      'firstLoanOnly',
    ]);
  });

  it('caps are inclusive, and a loan without a product fails a rule naming products', () => {
    expect(eligibilityMisfits({ maxAmount: 200_000, maxTermMonths: 24 }, loan)).toEqual([]);
    expect(eligibilityMisfits({ productIds: ['p1'] }, { ...loan, productId: null })).toEqual(['productIds']);
    expect(eligibilityMisfits({ firstLoanOnly: false }, { ...loan, firstLoan: false })).toEqual([]);
  });
});

describe('which products a program covers', () => {
  const product: ProductReach = {
    id: 'p1',
    institutionId: 'i1',
    kind: 'guarantee',
    customerTypes: ['sole_trader', 'enterprise'],
    allCounties: false,
    counties: ['371521', '371502'],
    allIndustries: true,
    industries: [],
    minAmount: 100_000,
    minTermMonths: 6,
  };
  it('covers a product some loan of which could qualify', () => {
    expect(coversProduct({ customerTypes: ['sole_trader'], counties: ['371521'], industries: ['F'] }, product)).toBe(
      true,
    );
    expect(coversProduct({ maxAmount: 100_000, maxTermMonths: 6 }, product)).toBe(true);
  });
  it('not one no loan of which could', () => {
    expect(coversProduct({ customerTypes: ['farmer'] }, product)).toBe(false);
    expect(coversProduct({ counties: ['371581'] }, product)).toBe(false);
    expect(coversProduct({ productKinds: ['credit'] }, product)).toBe(false);
    expect(coversProduct({ maxAmount: 99_999 }, product)).toBe(false);
    expect(coversProduct({ institutionIds: ['i2'] }, product)).toBe(false);
    expect(coversProduct({ counties: ['371581'] }, { ...product, allCounties: true })).toBe(true);
  });
});

describe('subsidy arithmetic (integer fen, half up)', () => {
  it('counts days from the start included to the end excluded', () => {
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
    expect(daysBetween('2024-01-01', '2024-04-01')).toBe(91);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('贴息 = principal × rate × days ÷ 360', () => {
    // 500,000 yuan at 1 percentage point for 90 days: 500000 × 0.01 × 90 / 360 = 1,250.00 yuan.
    const period = {
      outstandingPrincipalFen: 50_000_000,
      interestPaidFen: 10_000_000,
      periodStart: '2026-01-01',
      periodEnd: '2026-04-01',
      capLeftFen: null,
    };
    expect(interestSubsidyFen(100, period)).toBe(125_000);
  });

  it('rounds half up to the fen', () => {
    // 1 yuan (100 fen) for a 360-day year: at 0.5 % that is 0.5 fen → 1; at 0.49 %, 0.49 fen → 0.
    expect(accruedFen(100, 50, 360)).toBe(1);
    expect(accruedFen(100, 49, 360)).toBe(0);
    // 12,345 fen × 1.5 % × 31 / 360 = 15.945 fen → 16.
    expect(accruedFen(12_345, 150, 31)).toBe(16);
    // Large amounts stay exact: 9,000,000,000 fen × 3.33 % × 365 / 360.
    expect(accruedFen(9_000_000_000, 333, 365)).toBe(303_862_500);
  });

  it('never more than the interest paid, nor the cap left', () => {
    const base = { outstandingPrincipalFen: 50_000_000, periodStart: '2026-01-01', periodEnd: '2026-04-01' };
    expect(interestSubsidyFen(100, { ...base, interestPaidFen: 100_000, capLeftFen: null })).toBe(100_000);
    expect(interestSubsidyFen(100, { ...base, interestPaidFen: 10_000_000, capLeftFen: 30_000 })).toBe(30_000);
    expect(interestSubsidyFen(100, { ...base, interestPaidFen: 10_000_000, capLeftFen: 0 })).toBe(0);
  });

  it('担保费补贴: above the floor, a share, capped at an annual rate on the principal', () => {
    const period = {
      outstandingPrincipalFen: 100_000_000,
      feePaidFen: 375_000,
      periodStart: '2026-01-01',
      periodEnd: '2026-04-01',
    };
    // 1,000,000 yuan, a quarter: fee 3,750 yuan (1.5 %/yr). Cap 0.5 %/yr = 1,250 yuan.
    expect(guaranteeFeeSubsidyFen({ kind: 'guarantee_fee_subsidy', feeCapBp: 50 }, period)).toBe(125_000);
    // Floor 1 %/yr (2,500 yuan): 1,250 above it, half of which is 625.
    expect(guaranteeFeeSubsidyFen({ kind: 'guarantee_fee_subsidy', feeFloorBp: 100, feeShareBp: 5_000 }, period)).toBe(
      62_500,
    );
    // A fee below the floor gets nothing.
    expect(guaranteeFeeSubsidyFen({ kind: 'guarantee_fee_subsidy', feeFloorBp: 200 }, period)).toBe(0);
  });

  it('风险补偿: a share of the loss, capped per loan; recoveries return the same share', () => {
    const terms = { kind: 'risk_compensation' as const, lossShareBp: 4_000, capPerLoanFen: 10_000_000 };
    expect(compensationFen(terms, 20_000_000)).toBe(8_000_000);
    expect(compensationFen(terms, 50_000_000)).toBe(10_000_000);
    expect(recoveryReturnFen(terms, 5_000_000, 8_000_000)).toBe(2_000_000);
    expect(recoveryReturnFen(terms, 50_000_000, 1_000_000)).toBe(1_000_000);
  });

  it('leverage: loans per yuan paid, none before a payment', () => {
    expect(leverage(1_000_000_00, 2_000_000)).toBe(50);
    expect(leverage(100, 0)).toBeNull();
  });
});
