import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../privacy/masking';
import { matchCandidates, poolMembers } from './matching';
import { nextStatus, REQUEST_STATUSES, type RequestAction, type RequestStatus } from '../lifecycle/state-machine';

describe('request state machine', () => {
  it('walks the happy path open → claimed → contacted → investigated → approved → disbursed', () => {
    const path: [RequestAction, RequestStatus][] = [
      ['open', 'open'],
      ['claim', 'claimed'],
      ['contact', 'contacted'],
      ['investigate', 'investigated'],
      ['approve', 'approved'],
      ['disburse', 'disbursed'],
    ];
    let status: RequestStatus = 'submitted';
    for (const [action, expected] of path) {
      status = nextStatus(status, action)!;
      expect(status).toBe(expected);
    }
  });

  it('refuses stages out of order', () => {
    expect(nextStatus('claimed', 'approve')).toBeNull();
    expect(nextStatus('open', 'contact')).toBeNull();
    expect(nextStatus('contacted', 'disburse')).toBeNull();
    expect(nextStatus('claimed', 'claim')).toBeNull();
  });

  it('lets the applicant cancel before approval only, and reopen a rejection', () => {
    for (const s of ['submitted', 'open', 'claimed', 'contacted', 'investigated'] as const) {
      expect(nextStatus(s, 'cancel')).toBe('cancelled');
    }
    expect(nextStatus('approved', 'cancel')).toBeNull();
    expect(nextStatus('rejected', 'reopen')).toBe('open');
    expect(nextStatus('cancelled', 'reopen')).toBeNull();
  });

  it('leaves nothing to do in a final state', () => {
    const actions: RequestAction[] = [
      'open',
      'claim',
      'contact',
      'investigate',
      'approve',
      'reject',
      'disburse',
      'cancel',
      'reopen',
      'expire',
    ];
    for (const final of ['disbursed', 'cancelled', 'expired'] as const) {
      expect(actions.map((a) => nextStatus(final, a)).filter(Boolean)).toEqual([]);
    }
    expect(REQUEST_STATUSES).toHaveLength(10);
  });
});

describe('masking', () => {
  it('hides most of a company name but keeps it recognisable as a kind of firm', () => {
    expect(maskName('聊城市东昌府区鲁西机械制造有限公司')).toBe('聊城市****有限公司');
    expect(maskName('冠县小买卖')).toBe('冠****卖');
  });
  it('hides a person’s given name', () => {
    expect(maskName('王冠民')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
  it('hides the middle of a phone number', () => {
    expect(maskPhone('13806351234')).toBe('138****1234');
  });
});

describe('matching candidates', () => {
  const base = {
    kind: 'credit' as const,
    status: 'listed' as const,
    minAmount: 100_000,
    maxAmount: 1_000_000,
    minTermMonths: 6,
    maxTermMonths: 36,
    minRateBp: 400,
    maxRateBp: 600,
    customerTypes: ['enterprise' as const],
    allCounties: true,
    counties: [],
    allIndustries: true,
    industries: [],
  };
  const need = {
    amount: 500_000,
    termMonths: 12,
    customerType: 'enterprise' as const,
    county: '371525',
    industry: 'C',
  };
  const everywhere = ['371502', '371525'];

  it('ranks county-serving institutions first, then by the lowest rate, then by on-time record', () => {
    const result = matchCandidates({
      need,
      products: [
        { ...base, id: 'p-a', institutionId: 'bank-a', minRateBp: 450 },
        { ...base, id: 'p-b', institutionId: 'bank-b', minRateBp: 380 },
        { ...base, id: 'p-c', institutionId: 'bank-c', minRateBp: 380 },
        { ...base, id: 'p-d', institutionId: 'bank-d', allCounties: false, counties: ['371502'], minRateBp: 300 },
      ],
      officerCounties: new Map([
        ['bank-a', everywhere],
        ['bank-b', everywhere],
        ['bank-c', everywhere],
        ['bank-d', everywhere],
      ]),
      onTimeRate: new Map([
        ['bank-b', 0.7],
        ['bank-c', 0.95],
      ]),
    });
    expect(result.map((c) => [c.institutionId, c.servesCounty, c.rank])).toEqual([
      ['bank-c', true, 1],
      ['bank-b', true, 2],
      ['bank-a', true, 3],
      ['bank-d', false, 4],
    ]);
  });

  it('leaves out institutions without an officer and products that do not fit', () => {
    const result = matchCandidates({
      need,
      products: [
        { ...base, id: 'p-a', institutionId: 'bank-a' },
        { ...base, id: 'p-b', institutionId: 'bank-b', maxAmount: 300_000 },
        { ...base, id: 'p-c', institutionId: 'bank-c', status: 'delisted' },
      ],
      officerCounties: new Map([
        ['bank-b', everywhere],
        ['bank-c', everywhere],
      ]),
    });
    expect(result).toEqual([]);
  });

  it('puts an institution whose officers do not serve the county in the city tier only', () => {
    const [only] = matchCandidates({
      need,
      products: [{ ...base, id: 'p-a', institutionId: 'bank-a' }],
      officerCounties: new Map([['bank-a', ['371502']]]),
    });
    expect(only).toMatchObject({ institutionId: 'bank-a', servesCounty: false });
  });

  it("picks each institution's best product for the applicant", () => {
    const [only] = matchCandidates({
      need,
      products: [
        { ...base, id: 'dear', institutionId: 'bank-a', minRateBp: 600, maxRateBp: 800 },
        { ...base, id: 'cheap', institutionId: 'bank-a', minRateBp: 350 },
      ],
      officerCounties: new Map([['bank-a', everywhere]]),
    });
    expect(only!.productId).toBe('cheap');
  });
});

describe('pool members', () => {
  const candidates = [
    { institutionId: 'bank-a', servesCounty: true },
    { institutionId: 'bank-b', servesCounty: false },
    { institutionId: 'bank-c', servesCounty: true, excluded: true },
  ];

  it('offers each tier to its institutions, never to one that rejected the request', () => {
    expect(poolMembers('exclusive', 'bank-b', candidates)).toEqual(['bank-b']);
    expect(poolMembers('county', null, candidates)).toEqual(['bank-a']);
    expect(poolMembers('city', null, candidates)).toEqual(['bank-a', 'bank-b']);
    expect(poolMembers(null, null, candidates)).toEqual([]);
  });
});
