import { useMemo } from 'react';
import { useProductFormat } from '../catalog/format';
import type { CustomerType } from '../catalog/product';
import { useI18n } from '../i18n/context';
import { formatAmount, formatDateTime, formatShanghaiTime } from '../i18n/format';
import { industryLabel } from '../reference/names';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A request's figures and codes in words, in the current language: 50 万元, 12 个月, 东昌府区, C 制造业… */
export function useRequestFormat() {
  const { t, language } = useI18n();
  const { countyName, kind } = useProductFormat();

  return useMemo(() => {
    const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    return {
      amount: (yuan: number) => t('unit.amount', { value: formatAmount(yuan, language) }),
      term: (months: number) => t('unit.months', { value: months }),
      rate: (annualPercent: number) => t('unit.percent', { value: percent.format(annualPercent) }),
      county: countyName,
      industry: (code: string) => industryLabel(code, language),
      customerType: (type: CustomerType) => t(`customerType.${type}`),
      collateral: kind,
      dateTime: (iso: string) => formatDateTime(iso, language),
      /** A due time, as promised on the platform's clock: 1月5日周二 09:05. */
      deadline: (iso: string) => formatShanghaiTime(iso, language),
      /** How long something has lasted, to the minute: 刚刚, 12 分钟, 3 小时 5 分钟, 2 天 4 小时. */
      duration: (ms: number) => {
        if (ms < minute) return t('duration.justNow');
        const days = Math.floor(ms / day);
        const hours = Math.floor((ms % day) / hour);
        const minutes = Math.floor((ms % hour) / minute);
        if (days > 0) return t('duration.days', { days, hours });
        if (hours > 0) return t('duration.hours', { hours, minutes });
        return t('duration.minutes', { minutes });
      },
    };
  }, [t, language, countyName, kind]);
}

export type RequestFormat = ReturnType<typeof useRequestFormat>;
