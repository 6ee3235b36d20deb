import { describe, expect, it } from 'vitest';
import { maskPurpose } from '../privacy/masking';
import { approvedRateProblem, rateRangeText, shanghaiDay, stageDayProblem } from './stage-rules';

describe('stage rules', () => {
  it('takes a visit between the claim and today, both days included', () => {
    expect(stageDayProblem('visitDate', '2025-03-12', '2025-03-12', '2025-03-12')).toBeNull();
    expect(stageDayProblem('visitDate', '2025-03-13', '2025-03-12', '2025-03-12')).toMatchObject({
      message: 'visitDate.future',
    });
    expect(stageDayProblem('visitDate', '2025-03-11', '2025-03-12', '2025-03-14')).toEqual({
      path: 'visitDate',
      message: 'visitDate.beforeClaim',
      params: { claimedOn: '2025-03-12' },
    });
  });

  it('reads an instant as its day in Shanghai', () => {
    expect(shanghaiDay(new Date('2025-03-11T16:30:00Z'))).toBe('2025-03-12');
    expect(shanghaiDay(new Date('2025-03-11T15:59:59Z'))).toBe('2025-03-11');
  });

  it('keeps an approved rate within the product’s range, either end open', () => {
    const range = { minRateBp: 385, maxRateBp: 650 };
    expect(approvedRateProblem(385, range)).toBeNull();
    expect(approvedRateProblem(650, range)).toBeNull();
    expect(approvedRateProblem(384, range)).toEqual({
      path: 'annualRate',
      message: 'approval.rateOutsideProduct',
      params: { range: '3.85%–6.50%' },
    });
    expect(approvedRateProblem(651, range)?.path).toBe('annualRate');
    expect(approvedRateProblem(100, { minRateBp: null, maxRateBp: null })).toBeNull();
    expect(approvedRateProblem(300, { minRateBp: 385, maxRateBp: null })?.params).toEqual({ range: '≥ 3.85%' });
    expect(rateRangeText(null, 600)).toBe('≤ 6.00%');
  });
});

describe('the purpose officers read before claiming', () => {
  it('hides phone, ID and account numbers and e-mail addresses, keeps amounts, and cuts long text', () => {
    expect(maskPurpose('购买设备，联系13806351234')).toBe('购买设备，联系****');
    expect(maskPurpose('电话 138 0635 1234，座机0635-8888888')).toBe('电话 ****，座机****');
    expect(maskPurpose('身份证37150219800101123x')).toBe('身份证****');
    expect(maskPurpose('邮箱 a.b@qq.com 谢谢')).toBe('邮箱 **** 谢谢');
    expect(maskPurpose('采购原料300000元，50万用于扩建')).toBe('采购原料300000元，50万用于扩建');
    const long = '扩'.repeat(80);
    expect(maskPurpose(long)).toBe(`${'扩'.repeat(60)}…`);
  });
});
