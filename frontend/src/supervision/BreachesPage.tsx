import { Button, Card, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import { PageHeading } from '../layout/PageHeading';
import { ProvisionalTag } from '../sla/Provisional';
import { AssignModal, UrgeModal } from './BreachActions';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { formatLargeAmount } from './format';
import { breachPageSize, useBreaches, type BreachStatus, type BreachView } from './queries';
import { UrgeStateTag } from './UrgeStateTag';
import { useSupervisionFilters } from './useSupervisionFilters';

type Action = { kind: 'urge' | 'assign'; breach: BreachView };

/** 超时督办: breached stages in the scope, open and past, with the latest urge; urge (督办) and assign (派单). */
export default function BreachesPage() {
  const { t, language } = useI18n();
  const { filter } = useSupervisionFilters();
  const [params, setParams] = useSearchParams();
  const status = (['open', 'closed'] as const).find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const breaches = useBreaches({ ...filter, status }, page);
  const [action, setAction] = useState<Action | null>(null);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const amount = (yuan: number) => t('supervision.yuan', { amount: formatLargeAmount(yuan, language) });

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('nav.bureauBreaches')}
        subtitle={t('breaches.subtitle')}
        extra={<ExportButtons report="breaches" filter={{ ...filter, ...(status ? { status } : {}) }} />}
      />
      <Flex gap={12} wrap align="center">
        <FilterBar />
        <Segmented<BreachStatus | 'all'>
          options={[
            { value: 'all', label: t('breaches.all') },
            { value: 'open', label: t('breaches.open') },
            { value: 'closed', label: t('breaches.closed') },
          ]}
          value={status ?? 'all'}
          onChange={(next) => setParam('status', next === 'all' ? undefined : next)}
          data-testid="breach-status"
        />
      </Flex>
      <Card size="small">
        <Table<BreachView>
          rowKey="id"
          size="small"
          loading={breaches.isFetching && !breaches.data}
          dataSource={breaches.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('breaches.empty') }}
          pagination={{
            current: page,
            pageSize: breachPageSize,
            total: breaches.data?.total,
            onChange: (next) => setParam('page', next > 1 ? String(next) : undefined),
            showSizeChanger: false,
          }}
          onRow={(breach) => ({ 'data-request-id': breach.request.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('breaches.stage'),
              render: (_, b) => (
                <Space size={4} wrap>
                  <span>{t(`slaStage.${b.stage}`)}</span>
                  {b.attempt > 1 && <Tag>{t('breaches.attempt', { attempt: b.attempt })}</Tag>}
                </Space>
              ),
            },
            {
              title: t('breaches.request'),
              render: (_, b) => (
                <Flex vertical>
                  <Typography.Text>
                    {b.request.applicantName} · {amount(b.request.amount)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {b.request.countyName} · {t(`requestStatus.${b.request.status}`)}
                    {b.request.poolTier === 'city' ? ` · ${t('breaches.cityPool')}` : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('breaches.institution'),
              // A respond stage nobody claimed belongs to no one; the request may have been taken later.
              render: (_, b) =>
                b.institution?.name ??
                (b.request.claimedBy ? (
                  <Flex vertical>
                    <Typography.Text type="secondary">{t('breaches.roundUnclaimed')}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('breaches.laterClaimedBy', { name: b.request.claimedBy.name })}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{t('breaches.noInstitution')}</Typography.Text>
                )),
            },
            {
              title: t('breaches.dueAt'),
              render: (_, b) => (
                <Space size={4} wrap>
                  {formatShanghaiTime(b.dueAt, language)}
                  {b.provisional && <ProvisionalTag />}
                </Space>
              ),
            },
            {
              title: t('breaches.status'),
              render: (_, b) => (
                <Space size={4} wrap>
                  <Tag color={b.status === 'open' ? 'error' : b.ending === 'escalated' ? 'warning' : 'default'}>
                    {t(`breaches.ending.${b.ending}`)}
                  </Tag>
                  {b.urge ? <UrgeStateTag state={b.urge.state} /> : <Tag>{t('breaches.notUrged')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, b) => (
                <Space size={0}>
                  {b.actions.urge && (
                    <Button type="link" size="small" onClick={() => setAction({ kind: 'urge', breach: b })}>
                      {t('breaches.urge')}
                    </Button>
                  )}
                  {b.actions.assign && (
                    <Button type="link" size="small" onClick={() => setAction({ kind: 'assign', breach: b })}>
                      {t('breaches.assign')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {action?.kind === 'urge' && <UrgeModal breach={action.breach} onClose={() => setAction(null)} />}
      {action?.kind === 'assign' && <AssignModal breach={action.breach} onClose={() => setAction(null)} />}
    </Flex>
  );
}
