import { z } from '../http/zod';
import { REGION_LEVELS } from './enums';

/** Reference data as the API shows it (through contract.ts to the web app). Pure (zod only). */

/** The city or one of its counties/districts (GB/T 2260 codes). */
export const RegionView = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    parentCode: z.string().nullable(),
    level: z.enum(REGION_LEVELS),
  })
  .openapi('Region');
export type RegionView = z.output<typeof RegionView>;

export const Regions = z.object({ items: z.array(RegionView) });
export type Regions = z.output<typeof Regions>;
