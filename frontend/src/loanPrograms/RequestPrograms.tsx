import { Alert, Flex, Typography } from 'antd';
import type { LoanFacts } from '@lcfin/backend/contract';
import { useI18n } from '../i18n/context';
import { formatAmount } from '../i18n/format';
import { programsForLoan } from './estimate';
import { useActivePrograms } from './queries';
import { QualifyingPrograms } from './QualifyingPrograms';

/**
 * The request form's 政策支持: the active programs the loan as filled in would be enrolled in once
 * disbursed, and what 贴息 would save a quarter (bounded by the chosen product's lowest rate; without a
 * product no rate bounds it, so only the terms are shown). Nothing until the form says enough, or when
 * no program is running.
 */
export function RequestPrograms({
  loan,
  annualRate,
}: {
  loan: Omit<LoanFacts, 'firstLoan'> | null;
  annualRate: number | null;
}) {
  const { t, language } = useI18n();
  const programs = useActivePrograms();
  if (!loan || !programs.data?.length) return null;
  const qualifying = programsForLoan(programs.data, loan);
  return (
    <Alert
      type={qualifying.length ? 'success' : 'info'}
      data-testid="request-programs"
      title={t('loanProgram.title')}
      description={
        <QualifyingPrograms
          programs={qualifying}
          principal={loan.amount}
          annualRate={annualRate}
          footer={
            <Flex vertical>
              <Typography.Text type="secondary">
                {annualRate === null
                  ? t('loanProgram.estimateNeedsProduct')
                  : t('loanProgram.estimateBasis', {
                      principal: t('unit.amount', { value: formatAmount(loan.amount, language) }),
                      rate: t('unit.percent', { value: annualRate }),
                    })}
              </Typography.Text>
              <Typography.Text type="secondary">{t('loanProgram.decidedAtDisbursement')}</Typography.Text>
            </Flex>
          }
        />
      }
    />
  );
}
