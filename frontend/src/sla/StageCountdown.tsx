import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { CountdownState } from '@lcfin/backend/contract';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { notSet } from '../catalog/format';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import type { LoanRequest } from '../requests/loanRequest';
import { formatWorkingSpan } from './format';
import { ProvisionalTag } from './Provisional';
import { useCountdown } from './useCountdown';

const stateColors: Record<CountdownState, string> = {
  on_track: 'blue',
  due_soon: 'warning',
  overdue: 'error',
};

/**
 * The working time left until the open stage's due time, ticking while office hours run: blue,
 * amber past the reminder point, red once overdue; tagged 预估 when its due time is an estimate.
 * `withStage` names the stage (lists of claimed requests, where it varies); `provisionalSaid`: the
 * page already says in full that the due time is an estimate. A dash when no stage is under way.
 */
export function StageCountdown({
  request,
  withStage,
  provisionalSaid,
}: {
  request: LoanRequest;
  withStage?: boolean;
  provisionalSaid?: boolean;
}) {
  const { t, language } = useI18n();
  const open = useCountdown(request);
  if (!open) return <Typography.Text type="secondary">{notSet}</Typography.Text>;
  const { stage, view, countdown } = open;
  const time = formatWorkingSpan(countdown.workingSecondsLeft, view.clock.workingSecondsPerDay, t);
  const tip = [
    t(`slaStage.${stage}`),
    t('countdown.dueAt', { time: formatShanghaiTime(view.dueAt, language) }),
    countdown.running ? t('countdown.workingTime') : t('countdown.paused'),
  ].join(' · ');
  return (
    <Flex vertical gap={2} align="flex-start" style={{ display: 'inline-flex' }}>
      {withStage && <Typography.Text type="secondary">{t(`slaStage.${stage}`)}</Typography.Text>}
      <Flex gap={4} align="center" wrap>
        <Tooltip title={tip}>
          <Tag
            color={stateColors[countdown.state]}
            icon={countdown.running ? <ClockCircleOutlined /> : <PauseCircleOutlined />}
            style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}
            data-testid="countdown"
            data-state={countdown.state}
            data-stage={stage}
            data-running={countdown.running}
            data-seconds-left={countdown.workingSecondsLeft}
          >
            {t(countdown.state === 'overdue' ? 'countdown.overdue' : 'countdown.left', { time })}
          </Tag>
        </Tooltip>
        {view.provisional && !provisionalSaid && <ProvisionalTag />}
      </Flex>
    </Flex>
  );
}
