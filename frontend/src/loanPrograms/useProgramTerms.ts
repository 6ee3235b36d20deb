import { useCallback } from 'react';
import { useI18n } from '../i18n/context';
import type { Program } from './program';

/** A program's parameters in words: 贴息 0.5 个百分点，每户每年最高 3,000 元. */
export function useProgramTerms() {
  const { t, language } = useI18n();
  return useCallback(
    ({ kind, params, eligibility }: Pick<Program, 'kind' | 'params' | 'eligibility'>) => {
      const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
      const parts: string[] = [];
      if (kind === 'interest_subsidy' && params.subsidyRatePct !== undefined) {
        parts.push(t('loanProgram.terms.subsidyRate', { rate: number(params.subsidyRatePct) }));
        if (params.perBorrowerCapPerYear !== undefined) {
          parts.push(t('loanProgram.terms.yearCap', { amount: number(params.perBorrowerCapPerYear) }));
        }
      }
      if (kind === 'guarantee_fee_subsidy') {
        if (params.feeFloorPct !== undefined)
          parts.push(t('loanProgram.terms.feeFloor', { rate: number(params.feeFloorPct) }));
        if (params.feeSharePct !== undefined)
          parts.push(t('loanProgram.terms.feeShare', { share: number(params.feeSharePct) }));
        if (params.feeCapPct !== undefined)
          parts.push(t('loanProgram.terms.feeCap', { rate: number(params.feeCapPct) }));
      }
      if (kind === 'risk_compensation' && params.lossSharePct !== undefined) {
        parts.push(t('loanProgram.terms.lossShare', { share: number(params.lossSharePct) }));
        if (params.capPerLoan !== undefined)
          parts.push(t('loanProgram.terms.loanCap', { amount: number(params.capPerLoan) }));
      }
      if (eligibility.firstLoanOnly) parts.push(t('loanProgram.terms.firstLoanOnly'));
      return parts.join(t('loanProgram.terms.separator'));
    },
    [t, language],
  );
}
