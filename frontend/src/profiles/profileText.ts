import type { ProfileViewType } from '@lcfin/backend/contract';
import type { Translate } from '../i18n/context';
import { formatAmount } from '../i18n/format';
import type { Language } from '../i18n/language';

type Fields = ProfileViewType['fields'];
type FieldName = keyof Fields;

const MONEY_FIELDS: ReadonlySet<FieldName> = new Set([
  'registeredCapital',
  'lastYearRevenue',
  'totalAssets',
  'totalLiabilities',
]);

/** A profile value in words: money in the reader's unit, choices by their names, lists joined. */
export function profileValueText(name: FieldName, value: unknown, t: Translate, language: Language): string {
  const money = (yuan: number) => t('unit.amount', { value: formatAmount(yuan, language) });
  if (MONEY_FIELDS.has(name)) return money(value as number);
  switch (name) {
    case 'employees':
    case 'socialInsuranceHeadcount':
      return `${value as number} ${t('applicantProfile.people')}`;
    case 'administrativePenalties':
      return `${value as number} ${t('applicantProfile.times')}`;
    case 'landContractArea':
      return `${value as number} ${t('applicantProfile.mu')}`;
    case 'certifications':
      return (value as string[]).map((c) => t(`certification.${c}` as Parameters<Translate>[0])).join('、') || '—';
    case 'incomeBand':
    case 'agriculturalEntityType':
    case 'utilityPaymentRecord':
      return t(`${name}.${value as string}` as Parameters<Translate>[0]);
    case 'dishonestDebtor':
      return t(value ? 'common.yes' : 'common.no');
    case 'existingLoans': {
      const loans = value as { bank: string; balance: number; maturesOn: string }[];
      if (loans.length === 0) return t('applicantProfile.noLoans');
      return loans
        .map((loan) =>
          t('applicantProfile.loanLine', { bank: loan.bank, balance: money(loan.balance), maturesOn: loan.maturesOn }),
        )
        .join('；');
    }
    default:
      return String(value);
  }
}
