import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { CLAIM_STATUSES } from '@lcfin/backend/contract';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import { ExportButtons } from '../layout/ExportButtons';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { usePeriodTitle } from '../supervision/DashboardPage';
import { FilterBar } from '../supervision/FilterBar';
import { formatCount } from '../supervision/format';
import { useSupervisionFilters } from '../supervision/useSupervisionFilters';
import { downloadFiscalExport, useFiscalView, type Fiscal, type FiscalRow } from './bureauQueries';
import { ProgramKindTag, ProgramStatusTag } from './FiscalTags';
import { formatFen, formatLeverage, formatYuan } from './money';

type Figures = Fiscal['total'];

/** Claims by state, the states with none left out. */
function ClaimTallies({ claims }: { claims: Figures['claims'] }) {
  const { t, language } = useI18n();
  const shown = CLAIM_STATUSES.filter((s) => claims[s].count > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">{t('fiscalView.noClaims')}</Typography.Text>;
  return (
    <Flex vertical gap={0}>
      {shown.map((s) => (
        <Typography.Text key={s} style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid={`claims-${s}`}>
          {t('fiscalView.tally', {
            status: t(`claimStatus.${s}`),
            count: formatCount(claims[s].count, language),
            amount: formatFen(claims[s].amountFen, language),
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The whole scope's figures: loans covered, money committed, paid and left, and what each yuan moved. */
function Totals({ total }: { total: Figures }) {
  const { t, language } = useI18n();
  const yuanOfFen = (fen: number) => t('fiscal.yuan', { amount: formatFen(fen, language) });
  const cards = [
    {
      key: 'covered',
      title: t('fiscalView.covered'),
      value: t('fiscalView.loans', {
        count: formatCount(total.loansCovered, language),
        amount: formatYuan(total.coveredAmount, language),
      }),
      data: total.coveredAmount * 100,
    },
    { key: 'committed', title: t('budget.committed'), value: yuanOfFen(total.committedFen), data: total.committedFen },
    { key: 'paid', title: t('budget.paid'), value: yuanOfFen(total.paidFen), data: total.paidFen },
    { key: 'remaining', title: t('budget.remaining'), value: yuanOfFen(total.remainingFen), data: total.remainingFen },
    {
      key: 'leverage',
      title: t('fiscalView.leverage'),
      value: formatLeverage(total.leverage, language),
      data: total.leverage ?? '',
    },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="fiscal-totals">
      {cards.map((card) => (
        <Col key={card.key} xs={24} sm={12} xl={card.key === 'covered' ? 8 : 4}>
          <Card size="small" data-testid={`fiscal-${card.key}`} data-value={card.data}>
            <Statistic title={card.title} value={card.value} styles={{ content: { fontSize: 20 } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 财政资金: per program of the region and in total — loans covered and their amount, claims by state,
 * committed, paid and remaining budget, and 财政资金撬动倍数 (yuan lent per yuan paid) — with the
 * payment list a treasury pays from, as CSV or XLSX.
 */
export default function FiscalViewPage() {
  const { t, language } = useI18n();
  const { filter } = useSupervisionFilters();
  const view = useFiscalView(filter);
  const periodTitle = usePeriodTitle();
  const yuanOfFen = (fen: number) => t('fiscal.yuan', { amount: formatFen(fen, language) });

  if (view.isError && !view.data) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  const figures = view.data;
  const money = (key: 'committedFen' | 'paidFen' | 'remainingFen', title: string) => ({
    key,
    title,
    align: 'right' as const,
    render: (_: unknown, row: FiscalRow) => yuanOfFen(row[key]),
  });

  return (
    <Flex vertical gap={16} data-testid="fiscal-view">
      <PageHeading
        title={t('nav.bureauFiscal')}
        subtitle={
          figures
            ? periodTitle({
                region: figures.region,
                regionName: figures.regionName,
                from: filter.from ?? null,
                to: filter.to ?? null,
              })
            : undefined
        }
        extra={<ExportButtons download={(format) => downloadFiscalExport(format, filter)} />}
      />
      <FilterBar />
      {figures && <Totals total={figures.total} />}
      <Card size="small" title={t('fiscalView.byProgram')}>
        <Table<FiscalRow>
          data-testid="fiscal-programs"
          rowKey={(row) => row.program.id}
          size="small"
          dataSource={figures?.items}
          loading={view.isFetching && !figures}
          locale={{ emptyText: view.isError ? describeError(view.error, t) : t('fiscalView.empty') }}
          scroll={{ x: 'max-content' }}
          pagination={false}
          onRow={(row) => ({ 'data-program-id': row.program.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'program',
              title: t('claims.program'),
              render: (_, row) => (
                <Flex vertical gap={2}>
                  <Link to={`/bureau/programs/${row.program.id}`}>{row.program.name}</Link>
                  <Flex gap={4}>
                    <ProgramKindTag kind={row.program.kind} />
                    <ProgramStatusTag status={row.program.status} />
                  </Flex>
                </Flex>
              ),
            },
            {
              key: 'covered',
              title: t('fiscalView.covered'),
              align: 'right',
              render: (_, row) =>
                t('fiscalView.loans', {
                  count: formatCount(row.loansCovered, language),
                  amount: formatYuan(row.coveredAmount, language),
                }),
            },
            { key: 'claims', title: t('fiscalView.claims'), render: (_, row) => <ClaimTallies claims={row.claims} /> },
            money('committedFen', t('budget.committed')),
            money('paidFen', t('budget.paid')),
            money('remainingFen', t('budget.remaining')),
            {
              key: 'leverage',
              title: t('fiscalView.leverage'),
              align: 'right',
              render: (_, row) => formatLeverage(row.leverage, language),
            },
          ]}
        />
      </Card>
      <Typography.Text type="secondary">{t('fiscalView.leverageHint')}</Typography.Text>
    </Flex>
  );
}
