import { Flex, Grid, Table, Typography, type TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Page } from '../api/client';
import { describeError } from '../api/formErrors';
import { notSet } from '../catalog/format';
import { useT } from '../i18n/context';
import { StageCountdown } from '../sla/StageCountdown';
import { openStage } from '../sla/stages';
import { useRequestFormat } from './format';
import type { LoanRequest } from './loanRequest';
import { requestListPageSize } from './queries';
import { RequestProgressBar } from './RequestProgress';
import { RequestStatusTag } from './RequestTags';

export interface RequestTableProps {
  requests: UseQueryResult<Page<LoanRequest>>;
  page: number;
  onPage: (page: number) => void;
  /** Where a request's page is, e.g. /my/requests/:id. */
  detailPath: (id: string) => string;
  /** The applicant wants to know which bank took it; an institution, whose request it is. */
  counterpart: 'institution' | 'applicant';
  /** An institution's overview names the officer handling each request. */
  showOfficer?: boolean;
  /** Those handling requests see the working time left in the stage under way. */
  showCountdown?: boolean;
  actions?: (request: LoanRequest) => ReactNode;
  empty?: ReactNode;
}

/** A page of loan requests: a table on a wide screen, one summary per row on a phone. */
export function RequestTable({
  requests,
  page,
  onPage,
  detailPath,
  counterpart,
  showOfficer,
  showCountdown,
  actions,
  empty,
}: RequestTableProps) {
  const t = useT();
  const format = useRequestFormat();
  const phone = Grid.useBreakpoint().md === false;

  const title = (request: LoanRequest) => (
    <Link to={detailPath(request.id)} data-testid="request-link">
      {format.amount(request.amount)} · {format.term(request.termMonths)}
    </Link>
  );
  const other = (request: LoanRequest) =>
    counterpart === 'applicant' ? request.applicant.name : (request.claimedBy?.institution.name ?? notSet);
  const status = (request: LoanRequest) => (
    <Flex vertical gap={4} align="flex-start">
      <RequestStatusTag status={request.status} />
      <RequestProgressBar status={request.status} />
    </Flex>
  );
  const officerColumn: TableColumnsType<LoanRequest> = showOfficer
    ? [
        {
          key: 'officer',
          title: t('role.officer'),
          render: (_, request) =>
            !request.claimedBy
              ? notSet
              : // Assigned by the bureau (派单) and not yet taken up by an officer.
                (request.claimedBy.officer?.displayName ?? (
                  <Typography.Text type="secondary">{t('request.noOfficer')}</Typography.Text>
                )),
        },
      ]
    : [];
  const countdown = (request: LoanRequest) => <StageCountdown request={request} withStage />;
  const countdownColumn: TableColumnsType<LoanRequest> = showCountdown
    ? [{ key: 'countdown', title: t('countdown.stage'), render: (_, request) => countdown(request) }]
    : [];
  const actionColumn: TableColumnsType<LoanRequest> = actions
    ? [
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_, request) => (
            <Flex gap={8} wrap vertical={phone} align="flex-start">
              {actions(request)}
            </Flex>
          ),
        },
      ]
    : [];

  const columns: TableColumnsType<LoanRequest> = phone
    ? [
        {
          key: 'request',
          title: t('request.summary'),
          render: (_, request) => (
            <Flex vertical gap={4} align="flex-start">
              {title(request)}
              <Typography.Text type="secondary">
                {other(request)} · {format.county(request.county)}
              </Typography.Text>
              {status(request)}
              {showCountdown && openStage(request.deadlines) && countdown(request)}
            </Flex>
          ),
        },
        ...actionColumn,
      ]
    : [
        {
          key: 'request',
          title: t('request.summary'),
          render: (_, request) => (
            <Flex vertical gap={2}>
              {title(request)}
              <Typography.Text type="secondary" ellipsis={{ tooltip: request.purpose }} style={{ maxWidth: 240 }}>
                {request.purpose}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'counterpart',
          title: t(counterpart === 'applicant' ? 'request.applicant' : 'request.claimedBy'),
          render: (_, request) => other(request),
        },
        ...officerColumn,
        { key: 'county', title: t('request.county'), render: (_, request) => format.county(request.county) },
        { key: 'industry', title: t('request.industry'), render: (_, request) => format.industry(request.industry) },
        { key: 'status', title: t('request.status'), render: (_, request) => status(request) },
        ...countdownColumn,
        { key: 'createdAt', title: t('request.createdAt'), render: (_, request) => format.dateTime(request.createdAt) },
        ...actionColumn,
      ];

  return (
    <Table
      data-testid="request-table"
      rowKey="id"
      columns={columns}
      dataSource={requests.data?.items}
      loading={requests.isFetching && !requests.data}
      locale={{ emptyText: requests.isError ? describeError(requests.error, t) : empty }}
      pagination={{
        current: page,
        pageSize: requestListPageSize,
        total: requests.data?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        onChange: onPage,
      }}
    />
  );
}
