import { Card, Col, Flex, Row, Statistic, Typography, theme } from 'antd';
import { useT } from '../i18n/context';
import type { RequestStatus } from './loanRequest';
import { useLoanRequests, useStatusCounts } from './queries';
import { RequestTable } from './RequestTable';
import { useListParams } from './useListParams';
import { claimedStatuses } from './vocabulary';

/** 机构订单: the requests the institution's officers claimed, counted by status; read-only. */
export default function PipelinePage() {
  const t = useT();
  const { token } = theme.useToken();
  const { status, page, setQuery } = useListParams(claimedStatuses);
  const requests = useLoanRequests(status, page);
  const counts = useStatusCounts(claimedStatuses);

  const known = counts.map((count) => count.data);
  // Every claimed request is in one of these statuses, so they add up to all of them.
  const total = known.includes(undefined) ? undefined : (known as number[]).reduce((sum, n) => sum + n, 0);
  const tiles: { key: RequestStatus | 'all'; count: number | undefined }[] = [
    { key: 'all', count: total },
    ...claimedStatuses.map((key, index) => ({ key, count: known[index] })),
  ];
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.institutionPipeline')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('pipeline.subtitle')}</Typography.Text>
      </div>
      <Row gutter={[12, 12]} data-testid="pipeline-counts">
        {tiles.map(({ key, count }) => {
          const selected = (status ?? 'all') === key;
          return (
            <Col key={key} xs={8} sm={6} lg={3}>
              <Card
                size="small"
                hoverable
                onClick={() => setQuery({ status: key === 'all' ? undefined : key })}
                style={selected ? { borderColor: token.colorPrimary } : undefined}
                data-testid={`count-${key}`}
              >
                <Statistic title={key === 'all' ? t('requests.all') : t(`requestStatus.${key}`)} value={count ?? '–'} />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card>
        <RequestTable
          requests={requests}
          page={page}
          onPage={(next) => setQuery({ status, page: next })}
          detailPath={(id) => `/institution/pipeline/${id}`}
          counterpart="applicant"
          showOfficer
        />
      </Card>
    </Flex>
  );
}
