import { Badge, Card, Empty, Flex, Grid, Typography } from 'antd';
import { useT } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { useLiveConnected } from '../live/liveStatus';
import { useRequestFormat } from '../requests/format';
import type { LoanRequest } from '../requests/loanRequest';
import { PoolCards } from './PoolCards';
import { usePool } from './poolQueries';
import { PoolTable } from './PoolTable';
import type { PoolViewProps } from './poolView';
import { useClaim } from './useClaim';
import { useNow } from './useNow';

const minute = 60_000;

/**
 * 抢单大厅: the open requests the officer's institution may claim now, kept live by the stream.
 * How long each has waited is shown; its respond deadline arrives with the SLA stages.
 */
export default function GrabHallPage() {
  const t = useT();
  const format = useRequestFormat();
  const phone = Grid.useBreakpoint().md === false;
  const live = useLiveConnected();
  const pool = usePool();
  const { claim, claimingId } = useClaim();
  const now = useNow(minute / 2);

  if (pool.isError && !pool.data) return <LoadFailed error={pool.error} onRetry={() => void pool.refetch()} />;
  const items = pool.data;
  const view: PoolViewProps = {
    items,
    loading: pool.isPending,
    // Open requests last changed when they entered (or re-entered) the pool.
    waited: (request: LoanRequest) => format.duration(now - Date.parse(request.updatedAt)),
    claim: (request) => void claim(request),
    claimingId,
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" gap={12} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('nav.pool')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('pool.subtitle')}</Typography.Text>
        </div>
        <Flex gap={16} align="center">
          {items && (
            <Typography.Text data-testid="pool-count">{t('pool.count', { count: items.length })}</Typography.Text>
          )}
          <Badge
            status={live ? 'processing' : 'default'}
            text={t(live ? 'pool.live' : 'pool.reconnecting')}
            data-testid="live-status"
          />
        </Flex>
      </Flex>
      {items?.length === 0 ? (
        <Card>
          <Empty description={t('pool.empty')} />
        </Card>
      ) : phone ? (
        <PoolCards {...view} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <PoolTable {...view} />
        </Card>
      )}
    </Flex>
  );
}
