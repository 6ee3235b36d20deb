/** The fixed lists of applicant profiles and the bureau's public data. Pure: the web app imports them (contract.ts). */

/** 专精特新, 高新技术企业, 科技型中小企业. */
export const CERTIFICATIONS = ['specialized_sme', 'high_tech', 'tech_sme'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** The tax authority's 纳税信用等级, best first. */
export const TAX_CREDIT_RATINGS = ['A', 'B', 'M', 'C', 'D'] as const;
export type TaxCreditRating = (typeof TAX_CREDIT_RATINGS)[number];

/** Yearly household income of an individual, in bands (an applicant declares a band, never a figure). */
export const INCOME_BANDS = ['under_50k', '50k_100k', '100k_200k', '200k_500k', 'over_500k'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];

/** 新型农业经营主体: 家庭农场, 农民合作社, 种养大户, 农业社会化服务组织. */
export const AGRICULTURAL_ENTITY_TYPES = [
  'family_farm',
  'cooperative',
  'large_grower',
  'service_organisation',
] as const;
export type AgriculturalEntityType = (typeof AGRICULTURAL_ENTITY_TYPES)[number];

/** A utility payment record as the big-data bureau reports it: paid on time, or in arrears. */
export const UTILITY_PAYMENT_RECORDS = ['on_time', 'arrears'] as const;
export type UtilityPaymentRecord = (typeof UTILITY_PAYMENT_RECORDS)[number];

/** What an enterprise declares itself (自报). */
export const ENTERPRISE_FIELDS = [
  'registeredCapital',
  'establishedOn',
  'legalRepresentative',
  'employees',
  'lastYearRevenue',
  'totalAssets',
  'totalLiabilities',
  'mainBusiness',
  'existingLoans',
  'collateralOnOffer',
  'certifications',
  'taxCreditRating',
] as const;

/** What an individual or a farmer declares. */
export const INDIVIDUAL_FIELDS = ['occupation', 'incomeBand', 'landContractArea', 'agriculturalEntityType'] as const;

/** What the bureau imports from the big-data bureau's extracts, keyed by the enterprise's USCC. */
export const PUBLIC_DATA_FIELDS = [
  'taxCreditRating',
  'socialInsuranceHeadcount',
  'utilityPaymentRecord',
  'administrativePenalties',
  'dishonestDebtor',
] as const;
export type PublicDataField = (typeof PUBLIC_DATA_FIELDS)[number];

/** Where a profile value comes from: the applicant (自报) or the bureau's import (导入). */
export const PROFILE_SOURCES = ['self', 'import'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

/** The columns of an extract: the key and, as 大数据局 extracts head them, the Chinese header. */
export const PUBLIC_DATA_COLUMNS = {
  uscc: '统一社会信用代码',
  asOf: '数据日期',
  taxCreditRating: '纳税信用等级',
  socialInsuranceHeadcount: '社保参保人数',
  utilityPaymentRecord: '水电气缴费',
  administrativePenalties: '行政处罚次数',
  dishonestDebtor: '失信被执行人',
} as const satisfies Record<string, string>;
