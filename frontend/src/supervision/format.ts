import type { Language } from '../i18n/language';

/**
 * Large sums as a bureau reads them: 22.5亿 and 1,234.5万 in Chinese, 2.25B and 12.35M in English.
 * The unit (元 / ¥) comes from the message `supervision.yuan`.
 */
export function formatLargeAmount(yuan: number, language: Language): string {
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 2 }).format(yuan);
}

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language).format(n);
}

/** A ratio (0–1) as a percentage with one decimal; '–' when there was nothing to divide. */
export function formatRate(rate: number | null, language: Language): string {
  return rate === null
    ? '–'
    : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Working minutes as hours with one decimal, e.g. 8.5. */
export function minutesToHours(minutes: number | null): string {
  return minutes === null ? '–' : (Math.round(minutes / 6) / 10).toString();
}

/** A change with its sign: +3, −1,250万, +1.2 个百分点 (the caller picks the formatter). */
export function signed(change: number, format: (magnitude: number) => string): string {
  if (change === 0) return '±0';
  return `${change > 0 ? '+' : '−'}${format(Math.abs(change))}`;
}
