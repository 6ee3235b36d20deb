import { Badge, Card, Empty, Flex, Grid, Typography } from 'antd';
import { useT } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { useLiveConnected } from '../live/liveStatus';
import { notSet } from '../catalog/format';
import { useRequestFormat } from '../requests/format';
import type { LoanRequest } from '../requests/loanRequest';
import { openStage, platformNow } from '../sla/stages';
import { PoolCards } from './PoolCards';
import { usePool } from './poolQueries';
import { PoolTable } from './PoolTable';
import type { PoolViewProps } from './poolView';
import { useClaim } from './useClaim';
import { useNow } from './useNow';

const minute = 60_000;

/**
 * 抢单大厅: the open requests the officer's institution may claim now, kept live by the stream,
 * each with the working time left to respond and how long it has waited.
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
    // Since the request entered the pool (going city-wide does not restart it), on the platform's clock.
    waited: (request: LoanRequest) => {
      const open = openStage(request.deadlines);
      const since = request.deadlines.waitingSince ?? open?.view.startsAt;
      return open && since ? format.duration(platformNow(open, request, now) - Date.parse(since)) : notSet;
    },
    claim: (request) => void claim(request),
    claimingId,
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('nav.pool')}
        subtitle={t('pool.subtitle')}
        extra={
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
        }
      />
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
