import { Card, Flex, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { SlaTrendChart } from './Charts';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { formatRate } from './format';
import { useSlaCompliance, type GroupBy, type SlaCompliance } from './queries';
import { Rankings, StageTable } from './SlaFigures';
import { useRegionName } from './useRegionName';
import { useSupervisionFilters } from './useSupervisionFilters';

type Group = SlaCompliance['groups'][number];

/** 321 时效: per stage in the scope, its trend, and every county or institution with its figures. */
export default function SlaPage() {
  const { t, language } = useI18n();
  const { filter, interval } = useSupervisionFilters();
  const [groupBy, setGroupBy] = useState<GroupBy>('region');
  const sla = useSlaCompliance(filter, groupBy, interval);
  const regionName = useRegionName();
  if (sla.isError && !sla.data) return <LoadFailed error={sla.error} onRetry={() => void sla.refetch()} />;
  const stageRate = (stage: 'respond' | 'contact' | 'decide') => ({
    title: t(`slaStage.${stage}`),
    align: 'right' as const,
    render: (group: Group) => formatRate(group.stages[stage].onTimeRate, language),
  });

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('sla.title')}
        subtitle={t('sla.subtitle')}
        extra={<ExportButtons report="sla" filter={filter} />}
      />
      <FilterBar showInterval />
      <Card size="small" loading={!sla.data}>
        {sla.data && <StageTable stages={sla.data.stages} />}
      </Card>
      <Card size="small" title={t('sla.trend')} loading={!sla.data}>
        {sla.data && <SlaTrendChart trend={sla.data.trend ?? []} />}
      </Card>
      <Card
        size="small"
        title={t('sla.groups')}
        extra={
          <Segmented<GroupBy>
            options={[
              { value: 'region', label: t('sla.byCounty') },
              { value: 'institution', label: t('sla.byInstitution') },
            ]}
            value={groupBy}
            onChange={setGroupBy}
          />
        }
      >
        {sla.data && (
          <Flex vertical gap={16}>
            <Rankings sla={sla.data} testId={`ranking-${groupBy}`} />
            <Table<Group>
              size="small"
              rowKey="key"
              dataSource={sla.data.groups}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('sla.name'),
                  dataIndex: 'name',
                  render: (name: string, group) => regionName(group.key, name),
                },
                { title: t('sla.completed'), dataIndex: 'completed', align: 'right' },
                {
                  title: t('sla.onTimeRate'),
                  dataIndex: 'onTimeRate',
                  align: 'right',
                  render: (rate: number | null) => formatRate(rate, language),
                },
                stageRate('respond'),
                stageRate('contact'),
                stageRate('decide'),
                { title: t('sla.breaches'), dataIndex: 'breaches', align: 'right' },
              ]}
            />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
