import { INDUSTRY_SECTIONS, type IndustrySection } from '@lcfin/backend/contract';
import type { Region } from '../api/regions';
import type { Language } from '../i18n/language';

export const industryCodes = Object.keys(INDUSTRY_SECTIONS) as IndustrySection[];

/** "C 制造业" / "C Manufacturing"; an unknown code is shown as it is. */
export function industryLabel(code: string, language: Language): string {
  const section = INDUSTRY_SECTIONS[code as IndustrySection] as { zh: string; en: string } | undefined;
  if (!section) return code;
  return `${code} ${language === 'en' ? section.en : section.zh}`;
}

export function regionLabel(region: Region, language: Language): string {
  return language === 'en' ? region.nameEn : region.name;
}
