import { Card, Col, Empty, Flex, Row, Statistic, theme } from 'antd';
import type { DueFilter } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import type { RequestStatus } from './loanRequest';
import { useLoanRequests, useRequestCounts, type RequestFilter } from './queries';
import { RequestSearchBar } from './RequestSearchBar';
import { RequestTable } from './RequestTable';
import { dueFilters, useListParams } from './useListParams';
import { claimedStatuses } from './vocabulary';

type Tile = { key: RequestStatus | DueFilter | 'all'; filter: RequestFilter; count: number | undefined };

/**
 * 机构订单: the requests the institution's officers claimed, counted by status, with those due soon
 * (即将到期) and overdue (已超时) at hand; read-only.
 */
export default function PipelinePage() {
  const t = useT();
  const { token } = theme.useToken();
  const { filter, page, setQuery } = useListParams(claimedStatuses);
  const requests = useLoanRequests(filter, page);
  const counts = useRequestCounts([
    ...claimedStatuses.map((status) => ({ status })),
    ...dueFilters.map((due) => ({ due })),
  ]);

  const known = counts.map((count) => count.data);
  const byStatus = known.slice(0, claimedStatuses.length);
  // Every claimed request is in one of these statuses, so they add up to all of them.
  const total = byStatus.includes(undefined) ? undefined : (byStatus as number[]).reduce((sum, n) => sum + n, 0);
  const tiles: Tile[] = [
    { key: 'all', filter: {}, count: total },
    ...dueFilters.map((due, index) => ({ key: due, filter: { due }, count: known[claimedStatuses.length + index] })),
    ...claimedStatuses.map((status, index) => ({ key: status, filter: { status }, count: byStatus[index] })),
  ];
  const selectedKey = filter.due ?? filter.status ?? 'all';
  const title = (key: Tile['key']) =>
    key === 'all'
      ? t('requests.all')
      : key === 'soon' || key === 'overdue'
        ? t(`due.${key}`)
        : t(`requestStatus.${key}`);
  const valueColor = (key: Tile['key'], count: number | undefined) =>
    !count ? undefined : key === 'overdue' ? token.colorError : key === 'soon' ? token.colorWarning : undefined;

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.institutionPipeline')} subtitle={t('pipeline.subtitle')} />
      <Row gutter={[12, 12]} data-testid="pipeline-counts">
        {tiles.map(({ key, filter: tileFilter, count }) => (
          <Col key={key} xs={8} sm={6} lg={4} xl={3}>
            <Card
              size="small"
              hoverable
              onClick={() => setQuery({ ...filter, status: undefined, due: undefined, ...tileFilter })}
              style={selectedKey === key ? { borderColor: token.colorPrimary } : undefined}
              data-testid={`count-${key}`}
            >
              <Statistic
                title={title(key)}
                value={count ?? '–'}
                styles={{ content: { color: valueColor(key, count) } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Flex vertical gap={16}>
          <RequestSearchBar filter={filter} onChange={setQuery} />
          <RequestTable
            requests={requests}
            page={page}
            onPage={(next) => setQuery({ ...filter, page: next })}
            detailPath={(id) => `/institution/pipeline/${id}`}
            counterpart="applicant"
            showOfficer
            showCountdown
            empty={
              filter.q || filter.county || filter.from ? <Empty description={t('officerList.noMatch')} /> : undefined
            }
          />
        </Flex>
      </Card>
    </Flex>
  );
}
