import { Flex, Progress, Typography, theme } from 'antd';
import { useI18n } from '../i18n/context';
import type { Program } from './bureauQueries';
import { formatFen } from './money';

/**
 * A program's budget at a glance: paid (green) and committed — approved, not yet paid (blue) — eat
 * into the bar; what is left is the remaining budget. The figures beside it are yuan to the fen.
 */
export function BudgetBar({ budget, compact = false }: { budget: Program['budget']; compact?: boolean }) {
  const { t, language } = useI18n();
  const { token } = theme.useToken();
  const budgetFen = budget.budget * 100;
  const share = (fen: number) => (budgetFen > 0 ? (fen / budgetFen) * 100 : 0);
  const yuan = (fen: number) => t('fiscal.yuan', { amount: formatFen(fen, language) });
  const figures = [
    { key: 'paid', color: token.colorSuccess, fen: budget.paidFen },
    { key: 'committed', color: token.colorPrimary, fen: budget.committedFen },
    { key: 'remaining', color: token.colorTextQuaternary, fen: budget.remainingFen },
  ] as const;
  return (
    <Flex vertical gap={2} style={{ minWidth: compact ? 200 : undefined }} data-testid="budget-bar">
      <Progress
        percent={share(budget.committedFen + budget.paidFen)}
        success={{ percent: share(budget.paidFen) }}
        showInfo={false}
        size="small"
        aria-label={t('budget.of', { amount: yuan(budgetFen) })}
      />
      <Flex gap={compact ? 8 : 16} wrap style={{ fontSize: token.fontSizeSM, rowGap: 0 }}>
        {figures.map(({ key, color, fen }) => (
          <Typography.Text
            key={key}
            style={{ fontSize: token.fontSizeSM }}
            data-testid={`budget-${key}`}
            data-fen={fen}
          >
            <span aria-hidden style={{ color }}>
              ●{' '}
            </span>
            {t(`budget.${key}`)} {yuan(fen)}
          </Typography.Text>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('budget.of', { amount: yuan(budgetFen) })}
      </Typography.Text>
    </Flex>
  );
}
