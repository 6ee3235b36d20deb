import type { Tx } from '../db/client';
import liaocheng from './data/liaocheng.json' with { type: 'json' };
import { institutions, type InstitutionType } from '../institutions/schema';
import { regions } from './schema';

/** The deployment's reference data; another city is another JSON file of the same shape. */
export const REFERENCE_DATA = liaocheng;

/** A county sub-branch or county bank is named after its county (e.g. 冠县农商银行, 齐鲁银行临清支行). */
function regionOfInstitution(name: string): string {
  const county = REFERENCE_DATA.counties.find((c) => name.includes(c.name) || name.startsWith(c.name.slice(0, 2)));
  return county?.code ?? REFERENCE_DATA.city.code;
}

/** Regions and institutions; safe to run again (existing rows are kept). */
export async function loadReferenceData(tx: Tx): Promise<void> {
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
  const allCounties = counties.map((c) => c.code);
  await tx
    .insert(institutions)
    .values(
      REFERENCE_DATA.institutions.map((i) => {
        const regionCode = regionOfInstitution(i.name);
        return {
          name: i.name,
          type: i.type as InstitutionType,
          // Rural commercial banks are local legal persons; the others are branches of national or provincial banks.
          level: i.type === 'rural_commercial_bank' ? ('head_office' as const) : ('branch' as const),
          regionCode,
          countiesServed: regionCode === city.code ? allCounties : [regionCode],
        };
      }),
    )
    .onConflictDoNothing();
}
