import { useQuery } from '@tanstack/react-query';
import type { SlaPolicy } from '@lcfin/backend/contract';
import { Card, Flex, List, Tag, Tooltip, Typography } from 'antd';
import { api } from '../api/client';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import type { LoanRequest, RequestStatus, SlaStage } from '../requests/loanRequest';
import { ProvisionalNote } from './Provisional';
import { StageCountdown } from './StageCountdown';
import { promiseState, slaStages, type PromiseState } from './stages';

const stateColors: Record<PromiseState, string> = {
  kept: 'success',
  missed: 'error',
  inProgress: 'processing',
  cancelled: 'default',
  pending: 'default',
};

/** Statuses after which no further stage starts: stages not begun by then are not promised any more. */
const settled: readonly RequestStatus[] = ['approved', 'rejected', 'disbursed', 'cancelled', 'expired'];

/** The policy in force, public: what a stage not yet started will promise. */
export function useSlaPolicy() {
  return useQuery({ queryKey: ['sla', 'policy'], queryFn: () => api.get<SlaPolicy>('/sla/policy') });
}

/**
 * 321 时限承诺: each stage's promised time and whether it was kept (按时 / 超时 / 进行中 / 已取消),
 * the one under way with its countdown; stages still ahead with the window they will get. A due
 * time not yet reached that is an estimate says so: the published holiday schedule may move it (a
 * stage already ended keeps its due time).
 */
export function PromisesCard({ request }: { request: LoanRequest }) {
  const { t, language } = useI18n();
  const policy = useSlaPolicy().data;
  const time = (iso: string) => formatShanghaiTime(iso, language);
  const window = (stage: SlaStage) => {
    if (!policy) return null;
    if (stage === 'respond') return t('promises.respondWindow', { hours: policy.respond.workingHours });
    return t(`promises.${stage}Window`, { days: policy[stage].workingDays });
  };
  const stages = slaStages.filter((stage) => request.deadlines[stage] || !settled.includes(request.status));

  return (
    <Card title={t('promises.title')}>
      <List
        data-testid="sla-promises"
        size="small"
        split
        dataSource={stages}
        renderItem={(stage) => {
          const view = request.deadlines[stage];
          const state = promiseState(view);
          return (
            <List.Item data-testid={`promise-${stage}`} data-state={state} style={{ paddingInline: 0 }}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Flex align="center" gap={8}>
                    <Typography.Text strong>{t(`slaStage.${stage}`)}</Typography.Text>
                    {view && view.attempt > 1 && (
                      <Tooltip title={t('promises.attemptHint')}>
                        <Tag style={{ marginInlineEnd: 0 }}>{t('promises.attempt', { attempt: view.attempt })}</Tag>
                      </Tooltip>
                    )}
                  </Flex>
                  <Tag color={stateColors[state]} style={{ marginInlineEnd: 0 }} data-testid="promise-state">
                    {t(`promises.${state}`)}
                  </Tag>
                </Flex>
                {view ? (
                  <Typography.Text type="secondary">
                    {t('promises.dueBy', { time: time(view.dueAt) })}
                    {view.completedAt && ` · ${t('promises.doneAt', { time: time(view.completedAt) })}`}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{window(stage)}</Typography.Text>
                )}
                {view?.provisional && !view.completedAt && <ProvisionalNote />}
                {view?.clock && <StageCountdown request={request} provisionalSaid />}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
