import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './masking';
import { nextStatus, REQUEST_STATUSES, type RequestAction, type RequestStatus } from './state-machine';

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
