import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Space } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { PageLoading } from '../layout/PageLoading';
import { CountyChart, TrendChart } from './Charts';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { KpiCards } from './KpiCards';
import { useOverview, useSlaCompliance, type Overview } from './queries';
import { Rankings, StageTable } from './SlaFigures';
import { useRegionName } from './useRegionName';
import { useSupervisionFilters } from './useSupervisionFilters';

/** "东昌府区 · 2025-03-01 至 2025-03-31" or "聊城市 · 平台上线以来". */
export function usePeriodTitle() {
  const t = useI18n().t;
  const regionName = useRegionName();
  return (figures: Pick<Overview, 'region' | 'regionName' | 'from' | 'to'>) =>
    t('supervision.subtitle', {
      region: regionName(figures.region, figures.regionName),
      period:
        figures.from && figures.to
          ? t('supervision.periodRange', { from: figures.from, to: figures.to })
          : t('supervision.wholeLife'),
    });
}

/**
 * 监管驾驶舱: the bureau's figures for a period and region — volumes and amounts with their change
 * against the previous period, the rates, a county bar chart and trend lines, and 321 compliance
 * ranked by county and by institution.
 */
export default function DashboardPage() {
  const t = useI18n().t;
  const { filter, interval } = useSupervisionFilters();
  const overview = useOverview(filter, interval);
  const byCounty = useSlaCompliance(filter, 'region');
  const byInstitution = useSlaCompliance(filter, 'institution');
  const periodTitle = usePeriodTitle();

  if (overview.isError && !overview.data)
    return <LoadFailed error={overview.error} onRetry={() => void overview.refetch()} />;
  const figures = overview.data;
  const reportQuery = new URLSearchParams(filter.region ? { region: filter.region } : {});

  return (
    <Flex vertical gap={16} data-testid="supervision-dashboard">
      <PageHeading
        title={t('nav.bureauOverview')}
        subtitle={figures ? periodTitle(figures) : undefined}
        extra={
          <Space wrap>
            <ExportButtons report="overview" filter={filter} />
            <Link to={`/bureau/report?${reportQuery}`}>
              <Button icon={<PrinterOutlined />}>{t('report.button')}</Button>
            </Link>
          </Space>
        }
      />
      <FilterBar showInterval />
      {!figures ? (
        <PageLoading />
      ) : (
        <>
          <KpiCards overview={figures} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('charts.byCounty')} data-testid="county-chart">
                <CountyChart counties={figures.byCounty} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('charts.trend')} data-testid="trend-chart">
                <TrendChart trend={figures.trend ?? []} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {byCounty.data && (
        <Card size="small" title={t('sla.title')} extra={<Link to="/bureau/sla">{t('sla.groups')}</Link>}>
          <StageTable stages={byCounty.data.stages} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('sla.byCounty')}>
            {byCounty.data && <Rankings sla={byCounty.data} testId="ranking-county" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('sla.byInstitution')}>
            {byInstitution.data && <Rankings sla={byInstitution.data} testId="ranking-institution" />}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
