import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { useLoanRequests } from './queries';
import { RequestTable } from './RequestTable';
import { useListParams } from './useListParams';

function NewRequestLink() {
  const t = useT();
  return (
    <Link to="/my/requests/new" data-testid="new-request">
      <Button type="primary" icon={<PlusOutlined />}>
        {t('newRequest.title')}
      </Button>
    </Link>
  );
}

/** 我的融资需求: the applicant's requests with their status and progress, newest first. */
export default function MyRequestsPage() {
  const t = useT();
  const { page, setQuery } = useListParams([]);
  const requests = useLoanRequests(undefined, page);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.myRequests')}
        </Typography.Title>
        <NewRequestLink />
      </Flex>
      <Card>
        <RequestTable
          requests={requests}
          page={page}
          onPage={(next) => setQuery({ page: next })}
          detailPath={(id) => `/my/requests/${id}`}
          counterpart="institution"
          empty={
            <Empty description={t('myRequests.empty')}>
              <NewRequestLink />
            </Empty>
          }
        />
      </Card>
    </Flex>
  );
}
