import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
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
  const requests = useLoanRequests({}, page);
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.myRequests')} extra={<NewRequestLink />} />
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
