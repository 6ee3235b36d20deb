import { Badge, Button, Card, Empty, Flex, Segmented } from 'antd';
import type { DueFilter } from '@lcfin/backend/contract';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import type { RequestStatus } from './loanRequest';
import { useLoanRequests, useRequestCounts } from './queries';
import { RequestSearchBar } from './RequestSearchBar';
import { RequestTable } from './RequestTable';
import { StageActions } from './StageActions';
import { dueFilters, useListParams } from './useListParams';
import { claimedStatuses, dueColors } from './vocabulary';

type Choice = RequestStatus | DueFilter | 'all';

/** 我的订单: the requests this officer claimed, each with its time limit and next stage step at hand. */
export default function OfficerRequestsPage() {
  const t = useT();
  const { filter, page, setQuery } = useListParams(claimedStatuses);
  const requests = useLoanRequests(filter, page);
  const dueCounts = useRequestCounts(dueFilters.map((due) => ({ due })));
  // The words, county and period stay as the status or deadline chosen changes.
  const choose = (value: Choice) =>
    setQuery({
      ...filter,
      status: undefined,
      due: undefined,
      ...(value === 'all'
        ? {}
        : (dueFilters as readonly Choice[]).includes(value)
          ? { due: value as DueFilter }
          : { status: value as RequestStatus }),
    });
  const searching = Boolean(filter.q || filter.county || filter.from);
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.officerRequests')} subtitle={t('officerRequests.subtitle')} />
      <Card>
        <Flex vertical gap={16}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<Choice>
              value={filter.due ?? filter.status ?? 'all'}
              onChange={choose}
              options={[
                { value: 'all', label: t('requests.all') },
                ...dueFilters.map((due, index) => ({
                  value: due,
                  label: (
                    <Flex align="center" gap={6} data-testid={`filter-${due}`} data-count={dueCounts[index]?.data}>
                      {t(`due.${due}`)}
                      <Badge count={dueCounts[index]?.data ?? 0} color={dueColors[due]} size="small" />
                    </Flex>
                  ),
                })),
                ...claimedStatuses.map((value) => ({ value, label: t(`requestStatus.${value}`) })),
              ]}
            />
          </div>
          <RequestSearchBar filter={filter} onChange={setQuery} />
          <RequestTable
            requests={requests}
            page={page}
            onPage={(next) => setQuery({ ...filter, page: next })}
            detailPath={(id) => `/officer/requests/${id}`}
            counterpart="applicant"
            showCountdown
            actions={(request) => <StageActions request={request} size="small" />}
            empty={
              searching ? (
                <Empty description={t('officerList.noMatch')} />
              ) : filter.due ? (
                <Empty description={t(`due.${filter.due}None`)} />
              ) : (
                <Empty description={t('officerRequests.empty')}>
                  <Link to="/pool">
                    <Button type="primary">{t('nav.pool')}</Button>
                  </Link>
                </Empty>
              )
            }
          />
        </Flex>
      </Card>
    </Flex>
  );
}
