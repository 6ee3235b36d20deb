import { Card, Col, Row, Statistic, Typography, theme } from 'antd';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { formatCount, formatLargeAmount, formatRate, signed } from './format';
import type { Overview } from './queries';

export type Volume =
  'institutions' | 'listedProducts' | 'individuals' | 'enterprises' | 'requests' | 'claimed' | 'approved';
export type Amount = 'approvedAmount' | 'disbursedAmount';
type Rate = keyof Overview['rates'];

const volumes: Volume[] = [
  'institutions',
  'listedProducts',
  'individuals',
  'enterprises',
  'requests',
  'claimed',
  'approved',
];
const amounts: Amount[] = ['approvedAmount', 'disbursedAmount'];
const rates: Rate[] = [
  'claimRate',
  'claimedWithinWindowRate',
  'obtainedRate',
  'averageWorkingDaysToDisburse',
  'averageDisbursedPerBorrower',
];

/** The change against the previous period, green when up and red when down (none for the whole life). */
function Change({ value, format }: { value: number | null | undefined; format: (magnitude: number) => string }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (value === null || value === undefined) return null;
  const color = value > 0 ? token.colorSuccessText : value < 0 ? token.colorError : token.colorTextSecondary;
  return (
    <Typography.Text style={{ color, fontSize: token.fontSizeSM }} data-testid="change">
      {t('supervision.vsPrevious', { change: signed(value, format) })}
    </Typography.Text>
  );
}

/** 监管驾驶舱's figures: volumes and amounts with their change, then the rates peer platforms publish. */
export function KpiCards({ overview }: { overview: Overview }) {
  const { t, language } = useI18n();
  const yuan = (n: number) => t('supervision.yuan', { amount: formatLargeAmount(n, language) });
  const count = (n: number) => formatCount(n, language);
  const rateText = (key: Rate, value: number | null) =>
    value === null
      ? '–'
      : key === 'averageDisbursedPerBorrower'
        ? yuan(value)
        : key === 'averageWorkingDaysToDisburse'
          ? String(value)
          : formatRate(value, language);
  const rateChange = (key: Rate) => (n: number) =>
    key === 'averageDisbursedPerBorrower'
      ? yuan(n)
      : key === 'averageWorkingDaysToDisburse'
        ? String(n)
        : t('supervision.points', { value: Math.round(n * 1000) / 10 });

  const card = (key: string, title: MessageKey, text: string, value: number | null, change: React.ReactNode) => (
    <Col key={key} xs={12} sm={8}>
      <Card size="small" data-testid={`kpi-${key}`} data-value={value ?? ''} style={{ height: '100%' }}>
        <Statistic title={t(title)} value={text} />
        {change}
      </Card>
    </Col>
  );

  return (
    <>
      <Row gutter={[12, 12]} data-testid="kpis">
        {volumes.map((key) =>
          card(
            key,
            `kpi.${key}`,
            count(overview[key]),
            overview[key],
            <Change value={overview.change?.[key]} format={count} />,
          ),
        )}
        {amounts.map((key) =>
          card(
            key,
            `kpi.${key}`,
            yuan(overview[key]),
            overview[key],
            key === 'disbursedAmount' ? (
              <>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('kpi.disbursed', { count: count(overview.disbursed) })}
                </Typography.Text>
                <Change value={overview.change?.[key]} format={yuan} />
              </>
            ) : (
              <Change value={overview.change?.[key]} format={yuan} />
            ),
          ),
        )}
      </Row>
      <Card size="small" title={t('rates.title')}>
        <Row gutter={[12, 12]} data-testid="rates">
          {rates.map((key) => (
            <Col key={key} flex="1 0 150px" data-testid={`rate-${key}`} data-value={overview.rates[key] ?? ''}>
              <Statistic title={t(`rates.${key}`)} value={rateText(key, overview.rates[key])} />
              <Change value={overview.change?.rates[key]} format={rateChange(key)} />
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}
