import { Card, Flex, Skeleton, Typography } from 'antd';
import { useT } from '../i18n/context';
import { useRequestFormat } from '../requests/format';
import { PoolTierTag } from '../requests/RequestTags';
import { StageCountdown } from '../sla/StageCountdown';
import { ClaimButton } from './ClaimButton';
import type { PoolViewProps } from './poolView';
import { PurposeProduct } from './PurposeProduct';

/** The grab hall on a phone: a card per request with its time to respond, the claim button under the thumb. */
export function PoolCards({ items, loading, waited, claim, claimingId }: PoolViewProps) {
  const t = useT();
  const format = useRequestFormat();
  if (loading && !items) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="pool">
      {items?.map((request) => (
        <Card key={request.id} size="small" data-request-id={request.id}>
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong style={{ fontSize: 20 }}>
                {format.amount(request.amount)}
              </Typography.Text>
              {request.poolTier && <PoolTierTag tier={request.poolTier} />}
            </Flex>
            <Typography.Text>
              {[
                format.term(request.termMonths),
                format.collateral(request.collateral),
                format.customerType(request.customerType),
              ].join(' · ')}
            </Typography.Text>
            <PurposeProduct request={request} />
            <Typography.Text type="secondary">
              {format.county(request.county)} · {format.industry(request.industry)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {request.applicant.name} · {t('pool.waitingFor', { duration: waited(request) })}
            </Typography.Text>
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary">{t('countdown.respond')}</Typography.Text>
              <StageCountdown request={request} />
            </Flex>
            <ClaimButton block loading={claimingId === request.id} onClick={() => claim(request)} />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
