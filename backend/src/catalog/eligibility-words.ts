import type { Language } from '../http/messages';
import { INDUSTRY_SECTIONS, type IndustrySection } from '../reference/industries';
import type { ProductTerms } from './rules';
import type { CustomerType } from './schema';

const CUSTOMER_TYPE_NAMES: Record<CustomerType, Record<Language, string>> = {
  enterprise: { 'zh-CN': '企业', en: 'enterprises' },
  individual: { 'zh-CN': '个人', en: 'individuals' },
  sole_trader: { 'zh-CN': '个体工商户', en: 'sole traders' },
  farmer: { 'zh-CN': '农户', en: 'farmers' },
};

const WORDS = {
  'zh-CN': {
    list: (items: string[]) => items.join('、'),
    money: (yuan: number) =>
      yuan >= 10_000 && yuan % 100 === 0 ? `${yuan / 10_000}万元` : `${yuan.toLocaleString('zh-CN')}元`,
    who: (types: string) => `适用对象：${types}`,
    amount: (lo: string, hi: string) => `贷款金额：${lo}至${hi}`,
    term: (lo: number, hi: number) => `贷款期限：${lo}至${hi}个月`,
    everywhere: '服务区域：全市各县（市、区）',
    where: (counties: string) => `服务区域：${counties}`,
    anyIndustry: '行业：不限',
    industry: (sections: string) => `行业：${sections}`,
  },
  en: {
    list: (items: string[]) => items.join(', '),
    money: (yuan: number) => `${yuan.toLocaleString('en-US')} yuan`,
    who: (types: string) => `For: ${types}`,
    amount: (lo: string, hi: string) => `Amount: ${lo} to ${hi}`,
    term: (lo: number, hi: number) => `Term: ${lo} to ${hi} months`,
    everywhere: 'Where: every county of the city',
    where: (counties: string) => `Where: ${counties}`,
    anyIndustry: 'Industry: any',
    industry: (sections: string) => `Industry: ${sections}`,
  },
} satisfies Record<Language, unknown>;

/** A product's eligibility rules as sentences an applicant understands. */
export function eligibilityInWords(p: ProductTerms, lang: Language, countyNames: Map<string, string>): string[] {
  const w = WORDS[lang];
  const lines = [w.who(w.list(p.customerTypes.map((t) => CUSTOMER_TYPE_NAMES[t][lang])))];
  if (p.minAmount !== null && p.maxAmount !== null) lines.push(w.amount(w.money(p.minAmount), w.money(p.maxAmount)));
  if (p.minTermMonths !== null && p.maxTermMonths !== null) lines.push(w.term(p.minTermMonths, p.maxTermMonths));
  lines.push(p.allCounties ? w.everywhere : w.where(w.list(p.counties.map((c) => countyNames.get(c) ?? c))));
  const section = (code: string) => INDUSTRY_SECTIONS[code as IndustrySection]?.[lang === 'en' ? 'en' : 'zh'] ?? code;
  lines.push(p.allIndustries ? w.anyIndustry : w.industry(w.list(p.industries.map(section))));
  return lines;
}
