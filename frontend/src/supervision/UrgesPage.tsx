import { Button, Card, Flex, Input, List, Modal, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { URGE_STATES } from '@lcfin/backend/contract';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import { PageHeading } from '../layout/PageHeading';
import { useActionFeedback } from './actionFeedback';
import { formatLargeAmount } from './format';
import { breachPageSize, useAcknowledgeUrge, useUrges, type UrgeState, type UrgeView } from './queries';
import { UrgeStateTag } from './UrgeStateTag';

const states = URGE_STATES;

/** 确认督办 with an optional note on what the institution will do. */
function AcknowledgeModal({ urge, onClose }: { urge: UrgeView; onClose: () => void }) {
  const t = useI18n().t;
  const feedback = useActionFeedback('urges.acknowledged', onClose);
  const [note, setNote] = useState('');
  const acknowledge = useAcknowledgeUrge();
  const submit = () => acknowledge.mutate({ urgeId: urge.id, note: note.trim() || undefined }, feedback);
  return (
    <Modal
      open
      title={t('urges.acknowledge')}
      okText={t('urges.acknowledge')}
      confirmLoading={acknowledge.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{urge.note}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('urges.acknowledgeNote')}
        placeholder={t('urges.acknowledgeNote')}
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}

/** 督办事项: the urges addressed to the signed-in staff's institution, to acknowledge and then act on. */
export default function UrgesPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = states.find((s) => s === params.get('state'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const urges = useUrges(state, page);
  const [acknowledging, setAcknowledging] = useState<UrgeView | null>(null);
  const time = (iso: string) => formatShanghaiTime(iso, language);
  const show = (next: { state?: UrgeState | undefined; page?: number }) => {
    const query = new URLSearchParams();
    if (next.state) query.set('state', next.state);
    if (next.page && next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.urges')} subtitle={t('urges.subtitle')} />
      <Segmented<UrgeState | 'all'>
        style={{ alignSelf: 'flex-start' }}
        options={[
          { value: 'all', label: t('breaches.all') },
          ...states.map((s) => ({ value: s, label: t(`urgeState.${s}`) })),
        ]}
        value={state ?? 'all'}
        onChange={(next) => show({ state: next === 'all' ? undefined : next })}
      />
      <Card size="small">
        <List<UrgeView>
          loading={urges.isPending}
          dataSource={urges.data?.items}
          locale={{ emptyText: <Typography.Text type="secondary">{t('urges.empty')}</Typography.Text> }}
          pagination={
            (urges.data?.total ?? 0) > breachPageSize
              ? {
                  current: page,
                  pageSize: breachPageSize,
                  total: urges.data?.total,
                  onChange: (p) => show({ state, page: p }),
                }
              : false
          }
          renderItem={(urge) => (
            <List.Item
              data-testid="urge"
              data-urge-id={urge.id}
              data-request-id={urge.request.id}
              actions={
                urge.state === 'open'
                  ? [
                      <Button key="ack" type="primary" size="small" onClick={() => setAcknowledging(urge)}>
                        {t('urges.acknowledge')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <UrgeStateTag state={urge.state} />
                    <Typography.Text strong>{t(`slaStage.${urge.stage}`)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('supervision.yuan', { amount: formatLargeAmount(urge.request.amount, language) })} ·{' '}
                      {t('unit.months', { value: urge.request.termMonths })}
                    </Typography.Text>
                  </Flex>
                }
                description={
                  <Flex vertical gap={2}>
                    <Typography.Text>{urge.note}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('urges.urgedBy', { name: urge.urgedBy.displayName, time: time(urge.urgedAt) })}
                      {urge.acknowledgedAt && ` · ${t('urges.acknowledgedAt', { time: time(urge.acknowledgedAt) })}`}
                      {urge.resolvedAt && ` · ${t('urges.resolvedAt', { time: time(urge.resolvedAt) })}`}
                    </Typography.Text>
                    {urge.acknowledgementNote && (
                      <Typography.Text type="secondary">{urge.acknowledgementNote}</Typography.Text>
                    )}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {acknowledging && <AcknowledgeModal urge={acknowledging} onClose={() => setAcknowledging(null)} />}
    </Flex>
  );
}
