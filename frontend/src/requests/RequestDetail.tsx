import { Alert, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/context';
import { PromisesCard } from '../sla/PromisesCard';
import { StageCountdown } from '../sla/StageCountdown';
import { openStage } from '../sla/stages';
import { useRequestFormat } from './format';
import type { LoanRequest, TimelineEntry } from './loanRequest';
import { RequestFacts } from './RequestFacts';
import { RequestOutcome } from './RequestOutcome';
import { RequestSteps } from './RequestProgress';
import { PoolTierTag, RequestStatusTag } from './RequestTags';
import { RequestTimeline } from './RequestTimeline';
import { PageTitle } from '../layout/PageHeading';
import { LoanPrograms } from '../loanPrograms/LoanPrograms';

/**
 * One loan request as its applicant, the claiming officer or the institution see it: the summary
 * with the open stage's countdown and the viewer's `actions`, its progress, the facts, the outcome,
 * the 321 promises and the timeline.
 */
export function RequestDetail({
  request,
  timeline,
  actions,
}: {
  request: LoanRequest;
  /** undefined while loading; a masked viewer has none. */
  timeline: readonly TimelineEntry[] | undefined;
  actions?: ReactNode;
}) {
  const t = useT();
  const format = useRequestFormat();

  return (
    <Flex vertical gap={16} data-testid="request-detail" data-status={request.status}>
      <Card>
        <Flex justify="space-between" align="center" gap={16} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <PageTitle data-testid="request-title">
                {format.amount(request.amount)} · {format.term(request.termMonths)}
              </PageTitle>
              <RequestStatusTag status={request.status} />
              {request.status === 'open' && request.poolTier && <PoolTierTag tier={request.poolTier} />}
              {openStage(request.deadlines) && <StageCountdown request={request} />}
            </Flex>
            <Typography.Text type="secondary">
              {request.applicant.name} · {format.county(request.county)} · {format.industry(request.industry)}
            </Typography.Text>
          </Flex>
          {actions && (
            <Flex gap={8} wrap data-testid="request-actions">
              {actions}
            </Flex>
          )}
        </Flex>
      </Card>
      {request.masked ? (
        <Alert type="info" showIcon title={t('request.maskedNote')} />
      ) : (
        <Card title={t('request.progress')}>
          {timeline ? <RequestSteps status={request.status} timeline={timeline} /> : <Skeleton active />}
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t('request.details')}>
              <RequestFacts request={request} />
            </Card>
            <RequestOutcome request={request} />
          </Flex>
        </Col>
        {!request.masked && (
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <PromisesCard request={request} />
              <Card title={t('request.timeline')}>
                {timeline ? <RequestTimeline request={request} entries={timeline} /> : <Skeleton active />}
              </Card>
            </Flex>
          </Col>
        )}
      </Row>
      {!request.masked && <LoanPrograms request={request} />}
    </Flex>
  );
}
