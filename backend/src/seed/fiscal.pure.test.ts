import { describe, expect, it } from 'vitest';
import { compensationFen, interestSubsidyFen } from '../fiscal/rules';
import { addMonths, interestPeriods, simulateFiscal, type FiscalLoan, type FiscalProgram } from './fiscal';

const UNTIL = new Date('2025-04-01T00:00:00+08:00');
const LAGS = { report: [3, 15], claim: [2, 30], review: [2, 10], check: [1, 7], pay: [5, 30] } as const;

const program = (over: Partial<FiscalProgram>): FiscalProgram => ({
  id: 'p-subsidy',
  kind: 'interest_subsidy',
  region: '371500',
  startsOn: '2023-04-01',
  endsOn: '2025-12-31',
  budgetFen: 1_000_000_00,
  spentFen: 0,
  eligibility: { customerTypes: ['enterprise'] },
  terms: { subsidyRateBp: 150, perBorrowerCapPerYearFen: 2_000_000 },
  staff: ['reviewer', 'checker'],
  ...over,
});

const loan = (over: Partial<FiscalLoan>): FiscalLoan => ({
  id: 'loan-1',
  applicantId: 'borrower-1',
  applicantName: '聊城市鲁西机械制造有限公司',
  institutionName: '聊城农商银行',
  officerId: 'officer-1',
  facts: {
    customerType: 'enterprise',
    industry: 'C',
    county: '371525',
    productKind: 'credit',
    productId: null,
    institutionId: 'lcrcb',
    amount: 3_000_000,
    termMonths: 12,
    firstLoan: true,
  },
  principal: 3_000_000,
  rateBp: 450,
  termMonths: 12,
  valueDate: '2023-05-10',
  disbursedAt: new Date('2023-05-10T10:00:00+08:00'),
  pace: { periodMonths: 3, claimChance: 1, overdueChance: 0, defaultChance: 0 },
  ...over,
});

describe('interest periods', () => {
  it('run from the value date to each quarter’s settlement (the 21st, excluded) and end at maturity', () => {
    expect(interestPeriods('2023-05-10', 12, 3)).toEqual([
      { periodStart: '2023-05-10', periodEnd: '2023-06-21' },
      { periodStart: '2023-06-21', periodEnd: '2023-09-21' },
      { periodStart: '2023-09-21', periodEnd: '2023-12-21' },
      { periodStart: '2023-12-21', periodEnd: '2024-03-21' },
      { periodStart: '2024-03-21', periodEnd: '2024-05-10' },
    ]);
    expect(interestPeriods('2024-01-21', 2, 1).map((p) => p.periodEnd)).toEqual(['2024-02-21', '2024-03-21']);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('a loan’s fiscal life', () => {
  it('claims each reported quarter at the rules’ amount, reviewed and checked by two people, and pays them', () => {
    const life = simulateFiscal(7, [program({})], [loan({})], UNTIL, LAGS);
    expect(life.enrolments).toEqual([expect.objectContaining({ programId: 'p-subsidy', principal: 3_000_000 })]);
    expect(life.reports.map((r) => r.status)).toEqual(['normal', 'normal', 'normal', 'normal', 'repaid']);
    // The quarters starting in 2023 reach the borrower's 20,000 yuan of that year with the third
    // claim (it gets what is left); the fourth has nothing due and is not claimed.
    expect(life.claims.map((c) => c.periodStart)).toEqual(['2023-05-10', '2023-06-21', '2023-09-21', '2024-03-21']);
    const full = life.reports.map((r) =>
      interestSubsidyFen(150, { ...r, outstandingPrincipalFen: 300_000_000, capLeftFen: null }),
    );
    expect(life.claims.map((c) => c.amountFen)).toEqual([full[0], full[1], 2_000_000 - full[0]! - full[1]!, full[4]]);
    for (const claim of life.claims) {
      const report = life.reports.find((r) => r.id === claim.reportId)!;
      expect(claim).toMatchObject({ status: 'paid', periodStart: report.periodStart, periodEnd: report.periodEnd });
      expect([claim.reviewedBy, claim.checkedBy].sort()).toEqual(['checker', 'reviewer']);
    }
    const paid = life.claims.reduce((sum, c) => sum + c.amountFen, 0);
    expect(life.charged.get('p-subsidy')).toEqual({ committedFen: 0, paidFen: paid });
    expect(life.ledger.map((l) => l.kind).sort()).toEqual([...Array(4).fill('commit'), ...Array(4).fill('pay')]);
    expect(life.ledger.map((l) => l.at.getTime())).toEqual(life.ledger.map((l) => l.at.getTime()).sort());
  });

  it('compensates a default in the county pool, 40 % of the loss', () => {
    const pool = program({
      id: 'p-pool',
      kind: 'risk_compensation',
      region: '371525',
      eligibility: { counties: ['371525'] },
      terms: { lossShareBp: 4_000, capPerLoanFen: 200_000_000 },
    });
    const risky = loan({ pace: { periodMonths: 3, claimChance: 1, overdueChance: 0, defaultChance: 1 } });
    const life = simulateFiscal(7, [pool], [risky], UNTIL, LAGS);
    const [overdue, defaulted] = life.reports.filter((r) => r.status !== 'normal');
    expect(overdue).toMatchObject({ status: 'overdue' });
    expect(defaulted).toMatchObject({ status: 'default', interestPaidFen: 0 });
    expect(life.reports.at(-1)).toBe(defaulted);
    const [claim] = life.claims;
    expect(claim).toMatchObject({ periodStart: null, reportId: defaulted!.id, claimedBy: 'officer-1' });
    expect(claim!.amountFen).toBe(
      compensationFen({ kind: 'risk_compensation', lossShareBp: 4_000 }, defaulted!.lossFen!),
    );
    expect(claim!.payee).toMatchObject({ name: '聊城农商银行' });

    // Some defaults are partly recovered after payment: the program's share flows back to the pool.
    const recovered = Array.from({ length: 40 }, (_, seed) =>
      simulateFiscal(seed, [pool], [risky], UNTIL, LAGS),
    ).filter((l) => l.claims.some((c) => c.returnedFen! > 0));
    expect(recovered.length).toBeGreaterThan(0);
    for (const { claims, ledger, charged } of recovered) {
      const [c] = claims;
      expect(ledger.filter((l) => l.kind === 'recovery').map((l) => l.amountFen)).toEqual([-c!.returnedFen!]);
      expect(charged.get('p-pool')).toEqual({ committedFen: 0, paidFen: c!.amountFen - c!.returnedFen! });
    }
  });

  it('approves, in the order checked, only what the budget still holds: the rest wait, reviewed', () => {
    // 6,000 yuan left: the first quarter's 5,250 fits, none of the later ones does.
    const tight = program({ budgetFen: 700_000, spentFen: 100_000 });
    const life = simulateFiscal(7, [tight], [loan({})], UNTIL, LAGS);
    expect(life.claims.map((c) => c.status)).toEqual(['paid', 'reviewed', 'reviewed', 'reviewed']);
    expect(life.claims[0]!.amountFen).toBe(525_000);
    expect(life.claims.slice(1).every((c) => c.checkedBy === null)).toBe(true);
  });

  it('leaves a loan outside the rule, or a region with one bureau person, as the rules do', () => {
    expect(
      simulateFiscal(7, [program({ eligibility: { customerTypes: ['farmer'] } })], [loan({})], UNTIL, LAGS),
    ).toMatchObject({ enrolments: [], reports: [], claims: [] });
    const alone = simulateFiscal(7, [program({ staff: ['reviewer'] })], [loan({})], UNTIL, LAGS);
    expect(alone.claims.map((c) => c.status)).toEqual(Array(4).fill('reviewed'));
    expect(alone.ledger).toEqual([]);
  });
});
