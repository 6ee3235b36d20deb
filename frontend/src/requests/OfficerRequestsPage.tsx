import { Button, Card, Empty, Flex, Segmented, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import type { RequestStatus } from './loanRequest';
import { useLoanRequests } from './queries';
import { RequestTable } from './RequestTable';
import { StageActions } from './StageActions';
import { useListParams } from './useListParams';
import { claimedStatuses } from './vocabulary';

/** 我的订单: the requests this officer claimed, each with its next stage step at hand. */
export default function OfficerRequestsPage() {
  const t = useT();
  const { status, page, setQuery } = useListParams(claimedStatuses);
  const requests = useLoanRequests(status, page);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.officerRequests')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('officerRequests.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={16}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<RequestStatus | 'all'>
              value={status ?? 'all'}
              onChange={(value) => setQuery({ status: value === 'all' ? undefined : value })}
              options={[
                { value: 'all', label: t('requests.all') },
                ...claimedStatuses.map((value) => ({ value, label: t(`requestStatus.${value}`) })),
              ]}
            />
          </div>
          <RequestTable
            requests={requests}
            page={page}
            onPage={(next) => setQuery({ status, page: next })}
            detailPath={(id) => `/officer/requests/${id}`}
            counterpart="applicant"
            actions={(request) => <StageActions request={request} size="small" />}
            empty={
              <Empty description={t('officerRequests.empty')}>
                <Link to="/pool">
                  <Button type="primary">{t('nav.pool')}</Button>
                </Link>
              </Empty>
            }
          />
        </Flex>
      </Card>
    </Flex>
  );
}
