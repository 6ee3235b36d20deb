import type { Language } from './language';

/** A moment as the reader's calendar and clock show it, e.g. 2025/3/10 14:05 or 3/10/25, 2:05 PM. */
export function formatDateTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
}

/** A moment on the platform's clock (Asia/Shanghai), as deadlines are promised: 10月9日周四 11:00 / Thu, Oct 9, 11:00. */
export function formatShanghaiTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language, {
    timeZone: 'Asia/Shanghai',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

const yuanPerWan = 10_000;

/** Amount inputs take 万元 (10,000 yuan); the API takes integer yuan. */
export function wanToYuan(wan: number): number {
  return Math.round(wan * yuanPerWan);
}

export function yuanToWan(yuan: number): number {
  return yuan / yuanPerWan;
}

/**
 * A sum of money without its unit: Chinese readers count loans in 万元 (50), English ones in
 * thousands and millions (500K). The unit comes from the message `unit.amount`.
 */
export function formatAmount(yuan: number, language: Language): string {
  return language === 'en'
    ? new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(yuan)
    : new Intl.NumberFormat(language, { maximumFractionDigits: 4 }).format(yuanToWan(yuan));
}

/** Integer fen (the fiscal API's money) as yuan with two decimals: 125000 → 1,250.00. The unit comes from `unit.yuan`. */
export function formatFen(fen: number, language: Language): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}
