import { describe, expect, it } from 'vitest';
import { addDays, changeOf, countsOfChange, dayStart, periodOf, rank, ratesOf, ratio, shanghaiDay } from './figures';

describe('Shanghai days and periods', () => {
  it('puts an instant on its Shanghai calendar day', () => {
    expect(shanghaiDay(new Date('2025-03-09T23:59:59+08:00'))).toBe('2025-03-09');
    expect(shanghaiDay(new Date('2025-03-09T16:00:00Z'))).toBe('2025-03-10');
    expect(dayStart('2025-03-10').toISOString()).toBe('2025-03-09T16:00:00.000Z');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('compares a closed period with the one of equal length just before it', () => {
    expect(periodOf({ from: '2025-03-10', to: '2025-03-16' }, '2025-06-01')).toEqual({
      from: '2025-03-10',
      to: '2025-03-16',
      previous: { from: '2025-03-03', to: '2025-03-09' },
    });
    expect(periodOf({ from: '2025-03-01', to: '2025-03-31' }, '2025-06-01').previous).toEqual({
      from: '2025-01-29',
      to: '2025-02-28',
    });
    // `from` alone runs to today; no bounds is the platform's whole life, with nothing before it.
    expect(periodOf({ from: '2025-05-30' }, '2025-06-01')).toMatchObject({
      to: '2025-06-01',
      previous: { from: '2025-05-27', to: '2025-05-29' },
    });
    expect(periodOf({}, '2025-06-01')).toEqual({ from: null, to: null, previous: null });
    expect(periodOf({ to: '2025-03-31' }, '2025-06-01')).toEqual({ from: null, to: '2025-03-31', previous: null });
  });
});

describe('what a request change counts for', () => {
  const change = (from: string | null, to: string, data: Record<string, unknown> | null = null) =>
    countsOfChange({ from: from as never, to: to as never, amount: 500_000, data });

  it('counts submissions with their amount, claims (and assignments), approvals, rejections and cancellations', () => {
    expect(change(null, 'submitted')).toEqual({ submitted: 1, submittedAmount: 500_000 });
    expect(change('open', 'claimed')).toEqual({ claimed: 1, assigned: 0 });
    expect(change('open', 'claimed', { assignedBy: 'bureau' })).toEqual({ claimed: 1, assigned: 1 });
    expect(change('investigated', 'approved', { approvedAmount: 400_000 })).toEqual({
      approved: 1,
      approvedAmount: 400_000,
    });
    expect(change('investigated', 'rejected')).toEqual({ rejected: 1 });
    expect(change('contacted', 'cancelled')).toEqual({ cancelled: 1 });
  });

  it('tells re-opening and escalation from other moves within the pool, and ignores the stage steps', () => {
    expect(change('rejected', 'open')).toEqual({ reopened: 1 });
    expect(change('open', 'open', { tier: 'city' })).toEqual({ escalated: 1 });
    expect(change('open', 'open', { tier: 'county' })).toBeNull();
    expect(change('submitted', 'open')).toBeNull();
    expect(change('claimed', 'contacted')).toBeNull();
    expect(change('contacted', 'investigated')).toBeNull();
  });
});

describe('rates and changes', () => {
  it('computes the rates peer platforms publish', () => {
    expect(
      ratesOf({
        requests: 3,
        claimed: 3,
        claimedWithinWindow: 2,
        approved: 2,
        disbursed: 2,
        disbursedAmount: 700_000,
        borrowers: 2,
        workingDaysToDisburse: 7,
        timedDisbursals: 2,
      }),
    ).toEqual({
      claimRate: 1,
      claimedWithinWindowRate: 0.6667,
      obtainedRate: 0.6667,
      averageWorkingDaysToDisburse: 3.5,
      averageDisbursedPerBorrower: 350_000,
    });
  });

  it('gives no rate where there is nothing to divide by', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(
      ratesOf({
        requests: 0,
        claimed: 0,
        claimedWithinWindow: 0,
        approved: 0,
        disbursed: 0,
        disbursedAmount: 0,
        borrowers: 0,
        workingDaysToDisburse: 0,
        timedDisbursals: 0,
      }),
    ).toEqual({
      claimRate: null,
      claimedWithinWindowRate: null,
      obtainedRate: null,
      averageWorkingDaysToDisburse: null,
      averageDisbursedPerBorrower: null,
    });
  });

  it('subtracts the previous period, leaving null where either side has none', () => {
    expect(changeOf({ a: 5, b: 0.6667, c: null }, { a: 2, b: 1, c: 3 })).toEqual({ a: 3, b: -0.3333, c: null });
  });
});

describe('rankings', () => {
  const group = (key: string, completed: number, onTime: number, breaches: number) => ({
    key,
    name: key,
    completed,
    onTime,
    onTimeRate: completed ? onTime / completed : null,
    breaches,
  });

  it('ranks by on-time rate; ties go to volume (best) and to breaches (worst); idle groups are left out', () => {
    const groups = [
      group('a', 10, 9, 1),
      group('b', 4, 4, 0),
      group('c', 8, 8, 0),
      group('d', 2, 1, 3),
      group('e', 0, 0, 2),
      group('f', 6, 6, 0),
      group('g', 5, 3, 2),
    ];
    const { best, worst } = rank(groups, 3);
    expect(best.map((g) => g.key)).toEqual(['c', 'f', 'b']);
    expect(worst.map((g) => g.key)).toEqual(['d', 'g', 'a']);
  });

  it('never calls one group both best and worst: each list takes at most half of the ranked groups', () => {
    expect(rank([group('a', 3, 2, 1)], 5)).toEqual({ best: [], worst: [] });
    expect(rank([group('a', 3, 2, 1), group('b', 3, 3, 0), group('c', 0, 0, 4)], 5)).toEqual({
      best: [group('b', 3, 3, 0)],
      worst: [group('a', 3, 2, 1)],
    });
    const three = rank([group('a', 3, 2, 1), group('b', 3, 3, 0), group('c', 4, 1, 3)], 5);
    expect(three.best.map((g) => g.key)).toEqual(['b']);
    expect(three.worst.map((g) => g.key)).toEqual(['c']);
  });
});
