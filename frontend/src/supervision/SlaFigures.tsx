import { Col, Empty, List, Row, Table, Typography } from 'antd';
import type { SlaStage } from '@lcfin/backend/contract';
import { useI18n } from '../i18n/context';
import { formatRate, minutesToHours } from './format';
import type { SlaCompliance } from './queries';
import { useRegionName } from './useRegionName';

const stageOrder: SlaStage[] = ['respond', 'contact', 'decide'];

/** Per stage of the 321 mechanism: completed, on-time rate, median and p90 time taken, breaches. */
export function StageTable({ stages }: { stages: SlaCompliance['stages'] }) {
  const { t, language } = useI18n();
  const rows = stageOrder.map((stage) => ({ stage, ...stages[stage] }));
  return (
    <Table
      size="small"
      rowKey="stage"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="sla-stages"
      columns={[
        { title: t('sla.stage'), dataIndex: 'stage', render: (stage: SlaStage) => t(`slaStage.${stage}`) },
        { title: t('sla.completed'), dataIndex: 'completed', align: 'right' },
        {
          title: t('sla.onTimeRate'),
          dataIndex: 'onTimeRate',
          align: 'right',
          render: (rate: number | null) => formatRate(rate, language),
        },
        { title: t('sla.median'), dataIndex: 'medianWorkingMinutes', align: 'right', render: minutesToHours },
        { title: t('sla.p90'), dataIndex: 'p90WorkingMinutes', align: 'right', render: minutesToHours },
        { title: t('sla.breaches'), dataIndex: 'breaches', align: 'right' },
      ]}
    />
  );
}

type Ranked = SlaCompliance['rankings']['best'][number];

function RankList({ title, items, testId }: { title: string; items: Ranked[]; testId: string }) {
  const { t, language } = useI18n();
  // Counties are keyed by their code; an institution's key is not a region and keeps its name.
  const regionName = useRegionName();
  return (
    <List
      size="small"
      header={<Typography.Text strong>{title}</Typography.Text>}
      dataSource={items}
      data-testid={testId}
      locale={{ emptyText: <Typography.Text type="secondary">{t('sla.noRanking')}</Typography.Text> }}
      renderItem={(item, index) => (
        <List.Item data-key={item.key} style={{ flexDirection: 'column', alignItems: 'flex-start' }}>
          <Typography.Text>
            {index + 1}. {regionName(item.key, item.name)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sla.rankingItem', {
              rate: formatRate(item.onTimeRate, language),
              completed: item.completed,
              breaches: item.breaches,
            })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** The best and the worst by overall on-time rate (counties or institutions). */
export function Rankings({ sla, testId }: { sla: SlaCompliance; testId: string }) {
  const t = useI18n().t;
  if (sla.rankings.best.length === 0) {
    // The server ranks no one best and worst at once: with fewer than two active there is no ranking.
    const active = sla.groups.some((g) => g.completed > 0);
    return <Empty data-testid={`${testId}-none`} description={t(active ? 'sla.tooFewToRank' : 'sla.noRanking')} />;
  }
  return (
    <Row gutter={[16, 8]} data-testid={testId}>
      <Col xs={24} md={12}>
        <RankList title={t('sla.best')} items={sla.rankings.best} testId={`${testId}-best`} />
      </Col>
      <Col xs={24} md={12}>
        <RankList title={t('sla.worst')} items={sla.rankings.worst} testId={`${testId}-worst`} />
      </Col>
    </Row>
  );
}
