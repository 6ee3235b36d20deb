/** A region is the city or one of its counties/districts. Pure: the web app imports it (through contract.ts). */
export const REGION_LEVELS = ['city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
