import type { Tx } from '../db/client';
import { REFERENCE_DATA } from '../reference/load';
import { institutions, type InstitutionType } from './schema';

/** A county sub-branch or county bank is named after its county (e.g. 冠县农商银行, 齐鲁银行临清支行). */
function regionOfInstitution(name: string): string {
  const county = REFERENCE_DATA.counties.find((c) => name.includes(c.name) || name.startsWith(c.name.slice(0, 2)));
  return county?.code ?? REFERENCE_DATA.city.code;
}

/** The city's financial institutions of the reference data; safe to run again (existing rows are kept). */
export async function loadInstitutions(tx: Tx): Promise<void> {
  const { city, counties } = REFERENCE_DATA;
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
