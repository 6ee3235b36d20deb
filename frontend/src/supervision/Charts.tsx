import { Empty, theme } from 'antd';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { formatRate } from './format';
import type { Overview, SlaCompliance } from './queries';
import { useRegionName } from './useRegionName';

const height = 280;
// Figures for supervision: drawn at once (no animation), so a print or a screenshot shows them whole.
type Series = 'requests' | 'claimed' | 'approved' | 'disbursed';
const series: Series[] = ['requests', 'claimed', 'approved', 'disbursed'];

function useSeriesColors(): Record<Series, string> {
  const { token } = theme.useToken();
  return {
    requests: token.colorPrimary,
    claimed: token.colorWarning,
    approved: token.colorSuccess,
    disbursed: token.purple,
  };
}

/** 各区县业务量: requests, claims, approvals and disbursements side by side per county. */
export function CountyChart({ counties }: { counties: Overview['byCounty'] }) {
  const t = useI18n().t;
  const colors = useSeriesColors();
  const regionName = useRegionName();
  if (counties.every((c) => c.requests === 0 && c.disbursed === 0)) return <Empty description={t('charts.empty')} />;
  const data = counties.map((c) => ({ ...c, name: regionName(c.county, c.name) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ left: -16, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} angle={-30} textAnchor="end" height={56} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend />
        {series.map((key) => (
          <Bar
            key={key}
            dataKey={key}
            name={t(`charts.${key}` as MessageKey)}
            fill={colors[key]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** 业务趋势: the same volumes per week or month. */
export function TrendChart({ trend }: { trend: NonNullable<Overview['trend']> }) {
  const t = useI18n().t;
  const colors = useSeriesColors();
  if (trend.length === 0) return <Empty description={t('charts.empty')} />;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={trend} margin={{ left: -16, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend />
        {series.map((key) => (
          <Line
            key={key}
            type="monotone"
            dataKey={key}
            name={t(`charts.${key}`)}
            stroke={colors[key]}
            dot={trend.length < 3}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** 按时率趋势: each stage's on-time rate per week or month. */
export function SlaTrendChart({ trend }: { trend: NonNullable<SlaCompliance['trend']> }) {
  const { t, language } = useI18n();
  const { token } = theme.useToken();
  if (trend.length === 0) return <Empty description={t('charts.empty')} />;
  const data = trend.map(({ start, stages }) => ({
    start,
    respond: stages.respond.onTimeRate,
    contact: stages.contact.onTimeRate,
    decide: stages.decide.onTimeRate,
  }));
  const colors = { respond: token.colorPrimary, contact: token.colorWarning, decide: token.colorSuccess };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ left: -8, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tick={{ fontSize: 11 }} />
        <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatRate(v, language)} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => formatRate(typeof v === 'number' ? v : null, language)} />
        <Legend />
        {(['respond', 'contact', 'decide'] as const).map((stage) => (
          <Line
            key={stage}
            type="monotone"
            dataKey={stage}
            name={t(`slaStage.${stage}`)}
            stroke={colors[stage]}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
