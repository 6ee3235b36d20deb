import type { Tx } from '../db/client';
import liaocheng from './data/liaocheng.json' with { type: 'json' };
import { regions } from './schema';

/** The deployment's reference data; another city is another JSON file of the same shape. */
export const REFERENCE_DATA = liaocheng;

/** The city and its counties; safe to run again (existing rows are kept). */
export async function loadRegions(tx: Tx): Promise<void> {
  const { city, counties } = REFERENCE_DATA;
  await tx
    .insert(regions)
    .values([
      { code: city.code, name: city.name, nameEn: city.nameEn, parentCode: null, level: 'city', sortOrder: 0 },
      ...counties.map((c, i) => ({
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        parentCode: city.code,
        level: 'county' as const,
        sortOrder: i + 1,
      })),
    ])
    .onConflictDoNothing();
}
