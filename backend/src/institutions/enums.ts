/** The fixed lists an institution's fields take. Pure: the web app imports them (through contract.ts). */
export const INSTITUTION_TYPES = [
  'policy_bank',
  'state_bank',
  'joint_stock_bank',
  'city_commercial_bank',
  'rural_commercial_bank',
  'village_bank',
  'guarantee',
  'insurer',
  'securities',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Where an institution sits in its group: the city-level branch, or a county sub-branch of it. */
export const INSTITUTION_LEVELS = ['head_office', 'branch', 'sub_branch'] as const;
export type InstitutionLevel = (typeof INSTITUTION_LEVELS)[number];

/** A suspended institution's products leave the catalog and its officers cannot claim; it can be reinstated. */
export const INSTITUTION_STATUSES = ['active', 'suspended'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
