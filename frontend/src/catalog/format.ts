import { useMemo } from 'react';
import { useRegions } from '../api/regions';
import { useI18n } from '../i18n/context';
import { formatAmount } from '../i18n/format';
import { industryLabel, regionLabel } from '../reference/names';
import type { CustomerType, Product, ProductKind } from './product';

/** Shown where a draft has not filled a field in yet. */
export const notSet = '—';

/** "a–b", "≥ a", "≤ b" or "a"; null when neither end is set. */
function range(min: number | null, max: number | null, show: (value: number) => string): string | null {
  if (min !== null && max !== null) return min === max ? show(min) : `${show(min)}–${show(max)}`;
  if (min !== null) return `≥ ${show(min)}`;
  if (max !== null) return `≤ ${show(max)}`;
  return null;
}

/**
 * Product fields in words, in the current language: ranges with their units, counties and industries
 * by name. Shared by the catalog, the detail, the comparison and the institution's workspace.
 */
export function useProductFormat() {
  const { t, language } = useI18n();
  const regions = useRegions();

  return useMemo(() => {
    const list = (items: string[]) => items.join(language === 'en' ? ', ' : '、');
    const withUnit = (text: string | null, unit: 'unit.amount' | 'unit.months' | 'unit.percent') =>
      text === null ? notSet : t(unit, { value: text });
    const amount = (yuan: number) => formatAmount(yuan, language);
    const percent = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

    const countyName = (code: string) => {
      const region = regions.data?.find((candidate) => candidate.code === code);
      return region ? regionLabel(region, language) : code;
    };

    return {
      amountRange: (product: Pick<Product, 'minAmount' | 'maxAmount'>) =>
        withUnit(range(product.minAmount, product.maxAmount, amount), 'unit.amount'),
      termRange: (product: Pick<Product, 'minTermMonths' | 'maxTermMonths'>) =>
        withUnit(range(product.minTermMonths, product.maxTermMonths, String), 'unit.months'),
      rateRange: (product: Pick<Product, 'minRate' | 'maxRate'>) =>
        withUnit(
          range(product.minRate, product.maxRate, (rate) => percent.format(rate)),
          'unit.percent',
        ),
      counties: (product: Pick<Product, 'allCounties' | 'counties'>) =>
        product.allCounties ? t('product.wholeCity') : list(product.counties.map(countyName)) || notSet,
      industries: (product: Pick<Product, 'allIndustries' | 'industries'>) =>
        product.allIndustries
          ? t('product.anyIndustry')
          : list(product.industries.map((code) => industryLabel(code, language))) || notSet,
      customerTypes: (types: readonly CustomerType[]) => list(types.map((type) => t(`customerType.${type}`))) || notSet,
      kind: (kind: ProductKind) => t(`kind.${kind}`),
      countyName,
      list,
    };
  }, [t, language, regions.data]);
}

export type ProductFormat = ReturnType<typeof useProductFormat>;
