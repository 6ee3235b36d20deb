import { describe, expect, it } from 'vitest';
import { bandOf, profileSummary, wholeYears } from './summary';
import type { ProfileFields } from './views';

/** The pre-claim summary: bands and flags only, never a figure or an identity. */

const self = <T>(value: T) => ({ value, source: 'self' as const, asOf: '2025-01-01' });
const imported = <T>(value: T) => ({
  value,
  source: 'import' as const,
  asOf: '2025-02-01',
  sourceName: '聊城市大数据局',
});

const ENTERPRISE: ProfileFields = {
  registeredCapital: self(5_200_000),
  establishedOn: self('2016-04-18'),
  legalRepresentative: self('赵德明'),
  employees: self(38),
  lastYearRevenue: self(18_600_000),
  totalAssets: self(24_000_000),
  totalLiabilities: self(9_800_000),
  mainBusiness: self('农业机械零部件加工'),
  existingLoans: self([{ bank: '聊城农商银行', balance: 1_200_000, maturesOn: '2026-06-30' }]),
  collateralOnOffer: self('厂房一处'),
  certifications: self(['specialized_sme' as const]),
  taxCreditRating: imported('A' as const),
  socialInsuranceHeadcount: imported(23),
  administrativePenalties: imported(0),
  dishonestDebtor: imported(false),
  utilityPaymentRecord: imported('arrears' as const),
};

describe('profileSummary', () => {
  it('gives 纳税信用 A、社保 20–50 人、成立 5–10 年 and money in bands', () => {
    expect(profileSummary({ fields: ENTERPRISE }, '2025-03-12')).toEqual({
      taxCreditRating: 'A',
      headcount: { from: 20, to: 50 },
      yearsInBusiness: { from: 5, to: 10 },
      lastYearRevenue: { from: 5_000_000, to: 20_000_000 },
      registeredCapital: { from: 5_000_000, to: 10_000_000 },
      debtRatio: { from: 30, to: 50 },
      certifications: ['specialized_sme'],
      hasAdministrativePenalties: false,
      dishonestDebtor: false,
      utilityArrears: true,
    });
  });

  it('holds no exact figure, name, bank or date of the profile', () => {
    const text = JSON.stringify(profileSummary({ fields: ENTERPRISE }, '2025-03-12'));
    for (const secret of [
      '5200000',
      '18600000',
      '24000000',
      '9800000',
      '1200000',
      '38',
      '23',
      '赵德明',
      '聊城农商银行',
      '2016',
      '厂房',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('counts the declared employees when no headcount was imported, and the years as whole years', () => {
    const { socialInsuranceHeadcount: _, ...declaredOnly } = ENTERPRISE;
    expect(profileSummary({ fields: declaredOnly }, '2025-03-12').headcount).toEqual({ from: 20, to: 50 });
    expect(profileSummary({ fields: { establishedOn: self('2020-03-13') } }, '2025-03-12')).toEqual({
      yearsInBusiness: { from: 3, to: 5 },
    });
    expect(profileSummary({ fields: { establishedOn: self('2020-03-12') } }, '2025-03-12')).toEqual({
      yearsInBusiness: { from: 5, to: 10 },
    });
  });

  it("bands an individual's land and keeps the declared income band and entity type", () => {
    expect(
      profileSummary(
        {
          fields: {
            occupation: self('种植户'),
            incomeBand: self('100k_200k' as const),
            landContractArea: self(86),
            agriculturalEntityType: self('family_farm' as const),
          },
        },
        '2025-03-12',
      ),
    ).toEqual({
      incomeBand: '100k_200k',
      agriculturalEntityType: 'family_farm',
      landContractArea: { from: 50, to: 100 },
    });
  });

  it('is empty for an empty profile and leaves out a debt ratio without assets', () => {
    expect(profileSummary({ fields: {} }, '2025-03-12')).toEqual({});
    expect(profileSummary({ fields: { totalAssets: self(0), totalLiabilities: self(10) } }, '2025-03-12')).toEqual({});
  });
});

describe('bandOf and wholeYears', () => {
  it('puts a bound in the band it opens, and the top band has no end', () => {
    expect(bandOf(0, [0, 10, 20])).toEqual({ from: 0, to: 10 });
    expect(bandOf(10, [0, 10, 20])).toEqual({ from: 10, to: 20 });
    expect(bandOf(9.99, [0, 10, 20])).toEqual({ from: 0, to: 10 });
    expect(bandOf(1_000_000, [0, 10, 20])).toEqual({ from: 20, to: null });
  });

  it('counts a year only once its anniversary is reached', () => {
    expect(wholeYears('2016-04-18', '2025-04-17')).toBe(8);
    expect(wholeYears('2016-04-18', '2025-04-18')).toBe(9);
  });
});
