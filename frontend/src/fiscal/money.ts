import type { Language } from '../i18n/language';

/**
 * Fiscal money as a treasury reads it: yuan with two decimals (1,250.00), whatever the size — a
 * subsidy is paid to the fen, so the compact 万/亿 of the dashboard would hide what is owed.
 */
export function formatYuan(yuan: number, language: Language): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(yuan);
}

export { formatFen } from '../i18n/format';

/** 财政资金撬动倍数 as policy papers write it, "1 : 38.5"; '–' before anything is paid. */
export function formatLeverage(leverage: number | null, language: Language): string {
  return leverage === null
    ? '–'
    : `1 : ${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(leverage)}`;
}
