import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Skeleton } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { navItemFor } from '../layout/navigation';
import { PageTitle } from '../layout/PageHeading';
import { ApplicantActions } from './ApplicantActions';
import { HandoverAction } from './HandoverAction';
import type { LoanRequest } from './loanRequest';
import { useLoanRequest, useTimeline } from './queries';
import { RequestDetail } from './RequestDetail';
import { StageActions } from './StageActions';
import { canHandOver } from './vocabulary';

/**
 * What the viewer may do here: the applicant withdraws or reopens, the claiming officer moves it on,
 * the claiming institution's admin hands it to another officer (转派) while it is undecided.
 */
function ViewerActions({ request }: { request: LoanRequest }) {
  const { role } = useSignedInUser();
  if (role === 'enterprise' || role === 'individual') return <ApplicantActions request={request} />;
  if (role === 'officer' && !request.masked) return <StageActions request={request} />;
  if (role === 'institution_admin' && !request.masked && canHandOver(request.status)) {
    return <HandoverAction request={request} />;
  }
  return null;
}

/** One request at /my/requests/:id, /officer/requests/:id or /institution/pipeline/:id; live while open. */
export default function RequestDetailPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const user = useSignedInUser();
  const list = navItemFor(user.role, useLocation().pathname);
  const request = useLoanRequest(id);
  const timeline = useTimeline(id, request.data?.masked === false);

  if (request.isError) {
    // A malformed id (400) is as absent as one the viewer may not see (404).
    if (request.error instanceof ApiError && [400, 404].includes(request.error.status)) {
      return (
        <Result
          status="404"
          title={<PageTitle>{t('request.notFound')}</PageTitle>}
          extra={
            list && (
              <Link to={list.path}>
                <Button type="primary">{t(list.label)}</Button>
              </Link>
            )
          }
        />
      );
    }
    return <LoadFailed error={request.error} onRetry={() => void request.refetch()} />;
  }
  if (!request.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  return (
    <Flex vertical gap={16}>
      {list && (
        <Link to={list.path}>
          <ArrowLeftOutlined /> {t(list.label)}
        </Link>
      )}
      <RequestDetail
        request={request.data}
        timeline={timeline.data}
        actions={<ViewerActions request={request.data} />}
      />
    </Flex>
  );
}
