import { describe, expect, it } from 'vitest';
import { compensationsToClaim, latestReport, subsidiesToClaim, takesRecovery } from './claimable';
import type { Claim, Program, ServicingReport } from './program';

const program = (id: string, kind: Program['kind'], status: Program['status'] = 'active') =>
  ({ id, kind, status, name: id }) as Program;

function report(overrides: Partial<ServicingReport>): ServicingReport {
  return {
    id: 'r1',
    requestId: 'loan',
    periodStart: '2025-01-01',
    periodEnd: '2025-04-01',
    outstandingPrincipal: 1_000_000,
    interestPaidFen: 962_500,
    guaranteeFeePaidFen: null,
    status: 'normal',
    overdueDays: null,
    lossFen: null,
    supersedes: null,
    supersededBy: null,
    reason: null,
    reportedBy: 'officer',
    reportedAt: '2025-04-02T00:00:00.000Z',
    ...overrides,
  };
}

function claim(programId: string, overrides: Partial<Claim>): Claim {
  return {
    id: `c-${programId}`,
    program: { id: programId, name: programId, kind: 'interest_subsidy', region: '371500' },
    periodStart: '2025-01-01',
    periodEnd: '2025-04-01',
    amountFen: 125_000,
    returnedFen: 0,
    status: 'submitted',
    ...overrides,
  } as Claim;
}

const subsidy = program('subsidy', 'interest_subsidy');
const fee = program('fee', 'guarantee_fee_subsidy');
const pool = program('pool', 'risk_compensation');

describe('what a reported period may still be claimed on', () => {
  it('offers the 贴息 program for an unclaimed period, and the fee subsidy only when the fee paid was reported', () => {
    expect(subsidiesToClaim(report({}), [subsidy, fee, pool], [])).toEqual([subsidy]);
    expect(subsidiesToClaim(report({ guaranteeFeePaidFen: 500_00 }), [subsidy, fee], [])).toEqual([subsidy, fee]);
  });

  it('offers nothing on a period claimed (or overlapping a claim), unless that claim was rejected', () => {
    expect(subsidiesToClaim(report({}), [subsidy], [claim('subsidy', {})])).toEqual([]);
    const overlapping = claim('subsidy', { periodStart: '2025-03-01', periodEnd: '2025-06-01' });
    expect(subsidiesToClaim(report({}), [subsidy], [overlapping])).toEqual([]);
    expect(subsidiesToClaim(report({}), [subsidy], [claim('subsidy', { status: 'rejected' })])).toEqual([subsidy]);
    // The period that starts where a claimed one ended is free.
    const before = claim('subsidy', { periodStart: '2024-10-01', periodEnd: '2025-01-01' });
    expect(subsidiesToClaim(report({}), [subsidy], [before])).toEqual([subsidy]);
  });

  it('offers nothing for a period without interest or fee paid: a subsidy never exceeds it', () => {
    expect(subsidiesToClaim(report({ interestPaidFen: 0, guaranteeFeePaidFen: 0 }), [subsidy, fee], [])).toEqual([]);
  });

  it('offers nothing on a superseded report or a closed program', () => {
    expect(subsidiesToClaim(report({ supersededBy: 'r2' }), [subsidy], [])).toEqual([]);
    expect(subsidiesToClaim(report({}), [program('old', 'interest_subsidy', 'closed')], [])).toEqual([]);
  });
});

describe('compensation for a default', () => {
  const normal = report({ id: 'q1' });
  const defaulted = report({
    id: 'q2',
    periodStart: '2025-04-01',
    periodEnd: '2025-07-01',
    status: 'default',
    lossFen: 40_000_000,
  });

  it('is offered once the latest current report says default, and not before', () => {
    expect(latestReport([defaulted, normal])).toBe(defaulted);
    expect(compensationsToClaim([normal, defaulted], [subsidy, pool], [])).toEqual([pool]);
    expect(compensationsToClaim([normal], [pool], [])).toEqual([]);
  });

  it('is not offered when the default report was corrected away, or a standing claim exists', () => {
    expect(compensationsToClaim([normal, { ...defaulted, supersededBy: 'q3' }], [pool], [])).toEqual([]);
    const standing = claim('pool', { periodStart: null, periodEnd: null });
    expect(compensationsToClaim([normal, defaulted], [pool], [standing])).toEqual([]);
  });

  it('takes recoveries once paid, until all of it was returned', () => {
    const paid = claim('pool', { program: { ...pool, region: '371525' }, status: 'paid', amountFen: 100 });
    expect(takesRecovery(paid)).toBe(true);
    expect(takesRecovery({ ...paid, returnedFen: 100 })).toBe(false);
    expect(takesRecovery({ ...paid, status: 'approved' })).toBe(false);
  });
});
