import { describe, expect, it } from 'vitest';
import { programsForLoan, quarterlySubsidyFen } from './estimate';
import type { Program } from './program';

function program(overrides: Partial<Program>): Program {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'interest_subsidy',
    name: '创业担保贷款贴息',
    policyRef: null,
    region: '371500',
    regionName: '聊城市',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    status: 'active',
    eligibility: {},
    params: { subsidyRatePct: 0.5 },
    budget: { budget: 1_000_000, committedFen: 0, paidFen: 0, remainingFen: 100_000_000 },
    createdAt: '2025-01-01T00:00:00.000Z',
    activatedAt: '2025-01-01T00:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

describe('the quarterly 贴息 estimate', () => {
  it('is the subsidy rate on the principal for 90 days of a 360-day year: 100 万 at 0.5 points → 1,250.00 元', () => {
    expect(quarterlySubsidyFen(program({}), 1_000_000, 3.85)).toBe(125_000);
  });

  it('never exceeds the interest at the product’s lowest rate', () => {
    // 100 万 at 0.4 % for 90 days is 1,000.00 元 of interest: a 0.5-point subsidy stops there.
    expect(quarterlySubsidyFen(program({}), 1_000_000, 0.4)).toBe(100_000);
  });

  it('never exceeds the yearly cap per borrower', () => {
    expect(
      quarterlySubsidyFen(program({ params: { subsidyRatePct: 2, perBorrowerCapPerYear: 3_000 } }), 1_000_000, 4),
    ).toBe(300_000);
  });

  it('rounds half up to the fen', () => {
    // 3,001 元 × 0.5 % × 90 ÷ 360 = 375.125 fen → 375; 3,004 元 gives 375.5 fen → 376.
    expect(quarterlySubsidyFen(program({}), 3_001, 3.85)).toBe(375);
    expect(quarterlySubsidyFen(program({}), 3_004, 3.85)).toBe(376);
  });

  it('is none for other kinds, or without a rate to bound it', () => {
    expect(
      quarterlySubsidyFen(program({ kind: 'risk_compensation', params: { lossSharePct: 40 } }), 1_000_000, 4),
    ).toBe(null);
    expect(quarterlySubsidyFen(program({}), 1_000_000, null)).toBe(null);
  });
});

describe('the programs a loan would qualify for', () => {
  const loan = {
    customerType: 'enterprise' as const,
    industry: 'C',
    county: '371521',
    productKind: 'credit' as const,
    productId: null,
    institutionId: null,
    amount: 500_000,
    termMonths: 12,
  };

  it('keeps a program whose every rule the loan meets, including a 首贷-only one', () => {
    const kept = program({ eligibility: { counties: ['371521'], maxAmount: 500_000, firstLoanOnly: true } });
    expect(programsForLoan([kept], loan)).toEqual([kept]);
  });

  it('drops a program whose amount cap or counties the loan breaks', () => {
    expect(programsForLoan([program({ eligibility: { maxAmount: 300_000 } })], loan)).toEqual([]);
    expect(programsForLoan([program({ eligibility: { counties: ['371502'] } })], loan)).toEqual([]);
  });
});
