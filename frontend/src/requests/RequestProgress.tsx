import { Grid, Progress, Steps } from 'antd';
import { useT } from '../i18n/context';
import { useRequestFormat } from './format';
import type { RequestStatus, TimelineEntry } from './loanRequest';
import { progressShare, progressSteps } from './progress';
import { progressPath } from './vocabulary';

/** The request's steps, with the time each was reached on a wide screen; down the page on a phone. */
export function RequestSteps({ status, timeline }: { status: RequestStatus; timeline: readonly TimelineEntry[] }) {
  const t = useT();
  const format = useRequestFormat();
  const phone = Grid.useBreakpoint().md === false;
  const steps = progressSteps(status, timeline);
  return (
    <Steps
      data-testid="request-steps"
      orientation={phone ? 'vertical' : 'horizontal'}
      titlePlacement="vertical"
      size="small"
      current={steps.findLastIndex((step) => step.state !== 'wait')}
      items={steps.map((step) => ({
        key: step.step,
        status: step.state,
        title: step.outcome ? t(`requestStatus.${step.outcome}`) : t(`step.${step.step}`),
        // The timeline beside (below, on a phone) has the times too.
        content: step.at && !phone ? format.dateTime(step.at) : undefined,
      }))}
    />
  );
}

/** A compact bar for lists: one segment per step of the usual path. */
export function RequestProgressBar({ status }: { status: RequestStatus }) {
  const t = useT();
  const share = progressShare(status);
  if (share === null) return null;
  return (
    <Progress
      aria-label={t(`requestStatus.${status}`)}
      steps={progressPath.length}
      percent={Math.round(share * 100)}
      showInfo={false}
      size={[12, 6]}
      status={status === 'disbursed' ? 'success' : 'normal'}
    />
  );
}
