/** A city-wide 贴息 of one percentage point over 2025 (the test clock's year) that any loan qualifies for: the tests' usual program. */
export const CITY_INTEREST_SUBSIDY = {
  kind: 'interest_subsidy',
  name: '创业担保贷款贴息',
  region: '371500',
  budget: 1_000_000,
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  params: { subsidyRatePct: 1 },
} as const;
