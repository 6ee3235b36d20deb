import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { PageLoading } from '../layout/PageLoading';
import type { Amount, Volume } from './KpiCards';
import { formatCount, formatLargeAmount, formatRate, signed } from './format';
import { monthRange, shanghaiToday } from './period';
import { useFiscalFigures, useOverview, useSlaCompliance, type FiscalFigures } from './queries';
import { StageTable } from './SlaFigures';
import { useSupervisionFilters } from './useSupervisionFilters';
import { PageTitle } from '../layout/PageHeading';

/** Only the report on paper: the app's navigation and the report's own controls stay on screen. */
const printStyle = `
@media print {
  .no-print { display: none !important; }
  body { background: #fff; }
  .monthly-report { max-width: none; padding: 0; }
  .monthly-report .ant-table { font-size: 11pt; }
  @page { size: A4; margin: 16mm; }
}
`;

type Row = { key: string; label: string; value: string; change: string };

type FiscalRow = { key: string; name: string; loans: string; paid: string; remaining: string; leverage: string };

/**
 * 月度报告: one calendar month's figures for the region (?month=YYYY-MM&region=), laid out for
 * printing (browser print, A4): volumes, rates and 321 timeliness with the change against the
 * month before, the fiscal programs (财金协同), and each county's figures.
 */
export default function ReportPage() {
  const { t, language } = useI18n();
  const { filter } = useSupervisionFilters();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : shanghaiToday().slice(0, 7);
  const range = monthRange(month);
  const overview = useOverview({ region: filter.region, ...range });
  const sla = useSlaCompliance({ region: filter.region, ...range }, 'region');
  const fiscal = useFiscalFigures({ region: filter.region, ...range });
  // Leverage is the programs' whole life (loans moved ÷ money paid so far), not one month's.
  const fiscalToDate = useFiscalFigures({ region: filter.region });

  if (overview.isError) return <LoadFailed error={overview.error} onRetry={() => void overview.refetch()} />;
  const figures = overview.data;
  if (!figures || !sla.data || !fiscal.data || !fiscalToDate.data) return <PageLoading />;

  const count = (n: number) => formatCount(n, language);
  const yuan = (n: number) => t('supervision.yuan', { amount: formatLargeAmount(n, language) });
  const change = (value: number | null | undefined, format: (n: number) => string) =>
    value === null || value === undefined ? '–' : signed(value, format);
  const volume = (key: Volume | Amount, format: (n: number) => string): Row => ({
    key,
    label: t(`kpi.${key}`),
    value: format(figures[key]),
    change: change(figures.change?.[key], format),
  });
  const rate = (key: 'claimRate' | 'claimedWithinWindowRate' | 'obtainedRate'): Row => ({
    key,
    label: t(`rates.${key}`),
    value: formatRate(figures.rates[key], language),
    change: change(figures.change?.rates[key], (n) => t('supervision.points', { value: Math.round(n * 1000) / 10 })),
  });
  const volumes: Row[] = [
    volume('institutions', count),
    volume('listedProducts', count),
    volume('individuals', count),
    volume('enterprises', count),
    volume('requests', count),
    volume('claimed', count),
    volume('approved', count),
    volume('approvedAmount', yuan),
    volume('disbursedAmount', yuan),
  ];
  const rates: Row[] = [
    rate('claimRate'),
    rate('claimedWithinWindowRate'),
    rate('obtainedRate'),
    {
      key: 'days',
      label: t('rates.averageWorkingDaysToDisburse'),
      value: String(figures.rates.averageWorkingDaysToDisburse ?? '–'),
      change: change(figures.change?.rates.averageWorkingDaysToDisburse, String),
    },
  ];
  const columns = [
    { title: t('report.figure'), dataIndex: 'label' },
    { title: t('report.value'), dataIndex: 'value', align: 'right' as const },
    { title: t('report.change'), dataIndex: 'change', align: 'right' as const },
  ];
  const breaches = Object.values(sla.data.stages).reduce((n, s) => n + s.breaches, 0);
  const fen = (n: number) => yuan(n / 100);
  const leverageToDate = new Map(fiscalToDate.data.items.map((i) => [i.program.id, i.leverage]));
  const fiscalRow = (key: string, name: string, f: FiscalFigures['total'], leverage: number | null): FiscalRow => ({
    key,
    name,
    loans: t('report.fiscal.loans', { count: count(f.loansCovered), amount: yuan(f.coveredAmount) }),
    paid: fen(f.paidInPeriodFen),
    remaining: fen(f.remainingFen),
    leverage: leverage === null ? '–' : t('report.fiscal.times', { value: leverage }),
  });
  const fiscalRows: FiscalRow[] = [
    ...fiscal.data.items.map((i) =>
      fiscalRow(i.program.id, i.program.name, i, leverageToDate.get(i.program.id) ?? null),
    ),
    fiscalRow('total', t('report.fiscal.total'), fiscal.data.total, fiscalToDate.data.total.leverage),
  ];

  return (
    <Flex vertical gap={16} className="monthly-report" style={{ maxWidth: 960, margin: '0 auto', padding: 24 }}>
      <style>{printStyle}</style>
      <Flex className="no-print" gap={12} wrap justify="space-between">
        <Link to={`/bureau/overview${filter.region ? `?region=${filter.region}` : ''}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('report.back')}</Button>
        </Link>
        <Flex gap={12}>
          <DatePicker
            picker="month"
            aria-label={t('report.month')}
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(value) => {
              if (!value) return;
              const next = new URLSearchParams(params);
              next.set('month', value.format('YYYY-MM'));
              setParams(next, { replace: true });
            }}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('report.print')}
          </Button>
        </Flex>
      </Flex>
      <div data-testid="monthly-report">
        <PageTitle size={2} style={{ textAlign: 'center' }}>
          {t('report.title', { region: figures.regionName })} · {month}
        </PageTitle>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('report.generated', { from: range.from, to: range.to })}
        </Typography.Paragraph>
        <Typography.Title level={4}>{t('report.volumes')}</Typography.Title>
        <Table size="small" pagination={false} dataSource={volumes} columns={columns} />
        <Typography.Title level={4}>{t('report.rates')}</Typography.Title>
        <Table size="small" pagination={false} dataSource={rates} columns={columns} />
        <Typography.Title level={4}>{t('report.sla')}</Typography.Title>
        <Typography.Paragraph>{t('report.breaches', { count: breaches })}</Typography.Paragraph>
        <StageTable stages={sla.data.stages} />
        <Typography.Title level={4}>{t('report.fiscal')}</Typography.Title>
        {fiscal.data.items.length === 0 ? (
          <Typography.Paragraph>{t('report.fiscal.none')}</Typography.Paragraph>
        ) : (
          <Table
            size="small"
            pagination={false}
            data-testid="report-fiscal"
            dataSource={fiscalRows}
            columns={[
              { title: t('report.fiscal.program'), dataIndex: 'name' },
              { title: t('report.fiscal.loansCovered'), dataIndex: 'loans', align: 'right' },
              { title: t('report.fiscal.paid'), dataIndex: 'paid', align: 'right' },
              { title: t('report.fiscal.remaining'), dataIndex: 'remaining', align: 'right' },
              { title: t('report.fiscal.leverage'), dataIndex: 'leverage', align: 'right' },
            ]}
          />
        )}
        {figures.byCounty.length > 1 && (
          <>
            <Typography.Title level={4}>{t('report.counties')}</Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="county"
              dataSource={figures.byCounty}
              columns={[
                { title: t('supervision.region'), dataIndex: 'name' },
                { title: t('kpi.requests'), dataIndex: 'requests', align: 'right' },
                { title: t('kpi.claimed'), dataIndex: 'claimed', align: 'right' },
                { title: t('kpi.approved'), dataIndex: 'approved', align: 'right' },
                { title: t('kpi.disbursedAmount'), dataIndex: 'disbursedAmount', align: 'right', render: yuan },
              ]}
            />
          </>
        )}
      </div>
    </Flex>
  );
}
