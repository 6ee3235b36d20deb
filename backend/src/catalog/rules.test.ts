import { describe, expect, it } from 'vitest';
import { eligibilityInWords } from './eligibility-words';
import { consistencyProblems, fits, listingProblems, percentToBp, type ProductTerms } from './rules';

const shuichengKuaidai: ProductTerms = {
  kind: 'credit',
  status: 'listed',
  minAmount: 100_000,
  maxAmount: 1_000_000,
  minTermMonths: 6,
  maxTermMonths: 36,
  minRateBp: 385,
  maxRateBp: 650,
  customerTypes: ['enterprise', 'sole_trader'],
  allCounties: true,
  counties: [],
  allIndustries: true,
  industries: [],
};
const guanxianOnly: ProductTerms = {
  ...shuichengKuaidai,
  allCounties: false,
  counties: ['371525'],
  allIndustries: false,
  industries: ['A', 'C'],
};

describe('fits', () => {
  it('takes a need inside every range and rule', () => {
    expect(
      fits(shuichengKuaidai, { amount: 500_000, termMonths: 12, county: '371525', customerType: 'enterprise' }),
    ).toBe(true);
    expect(fits(shuichengKuaidai, {})).toBe(true);
  });
  it('treats the range ends as inside', () => {
    expect(fits(shuichengKuaidai, { amount: 100_000, termMonths: 36 })).toBe(true);
    expect(fits(shuichengKuaidai, { amount: 1_000_000, termMonths: 6 })).toBe(true);
  });
  it.each([
    ['amount too small', { amount: 99_999 }],
    ['amount too large', { amount: 1_000_001 }],
    ['term too long', { termMonths: 37 }],
    ['customer type not served', { customerType: 'individual' as const }],
  ])('refuses %s', (_why, need) => {
    expect(fits(shuichengKuaidai, need)).toBe(false);
  });
  it('honours county and industry lists', () => {
    expect(fits(guanxianOnly, { county: '371525', industry: 'C' })).toBe(true);
    expect(fits(guanxianOnly, { county: '371502' })).toBe(false);
    expect(fits(guanxianOnly, { industry: 'F' })).toBe(false);
  });
  it('never fits a product that is not listed', () => {
    expect(fits({ ...shuichengKuaidai, status: 'draft' }, {})).toBe(false);
    expect(fits({ ...shuichengKuaidai, status: 'delisted' }, {})).toBe(false);
  });
});

describe('listing checks', () => {
  it('passes a complete, consistent product', () => {
    expect(listingProblems(shuichengKuaidai)).toEqual([]);
  });
  it('names each missing field, in API terms', () => {
    const draft: ProductTerms = {
      ...shuichengKuaidai,
      status: 'draft',
      maxAmount: null,
      minRateBp: null,
      customerTypes: [],
      counties: [],
      allCounties: false,
    };
    expect(listingProblems(draft).map((p) => p.path)).toEqual(['maxAmount', 'minRate', 'customerTypes', 'counties']);
  });
  it('refuses upside-down ranges and implausible rates', () => {
    const bad = { ...shuichengKuaidai, minAmount: 2_000_000, minTermMonths: 48, maxRateBp: 3000 };
    expect(consistencyProblems(bad).map((p) => p.path)).toEqual(['maxAmount', 'maxTermMonths']);
    expect(listingProblems(bad).map((p) => p.path)).toEqual(['maxAmount', 'maxTermMonths', 'maxRate']);
    expect(listingProblems({ ...shuichengKuaidai, minRateBp: 10 })[0]).toEqual({
      path: 'minRate',
      message: 'rate.implausible',
    });
  });
  it('converts percent to basis points without float drift', () => {
    expect(percentToBp(3.85)).toBe(385);
    expect(percentToBp(4.35)).toBe(435);
  });
});

describe('eligibility in plain words', () => {
  const names = new Map([['371525', '冠县']]);
  it('reads naturally in Chinese', () => {
    expect(eligibilityInWords(shuichengKuaidai, 'zh-CN', names)).toEqual([
      '适用对象：企业、个体工商户',
      '贷款金额：10万元至100万元',
      '贷款期限：6至36个月',
      '服务区域：全市各县（市、区）',
      '行业：不限',
    ]);
  });
  it('reads naturally in English, naming counties and industries', () => {
    expect(eligibilityInWords(guanxianOnly, 'en', names)).toEqual([
      'For: enterprises, sole traders',
      'Amount: 100,000 yuan to 1,000,000 yuan',
      'Term: 6 to 36 months',
      'Where: 冠县',
      'Industry: Agriculture, forestry, animal husbandry and fishery, Manufacturing',
    ]);
  });
});
