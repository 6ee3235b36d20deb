import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useT } from '../i18n/context';
import { useRequestFormat } from '../requests/format';
import type { LoanRequest } from '../requests/loanRequest';
import { PoolTierTag } from '../requests/RequestTags';
import { StageCountdown } from '../sla/StageCountdown';
import { ClaimButton } from './ClaimButton';
import type { PoolViewProps } from './poolView';
import { PurposeProduct } from './PurposeProduct';

/** A cell of two lines: the figure that matters most, then its companion. */
function TwoLines({ first, second }: { first: ReactNode; second: string }) {
  return (
    <Flex vertical>
      {first}
      <Typography.Text type="secondary">{second}</Typography.Text>
    </Flex>
  );
}

/** The grab hall on a wide screen: one row per request, longest waiting first, each with its time to respond. */
export function PoolTable({ items, loading, waited, claim, claimingId }: PoolViewProps) {
  const t = useT();
  const format = useRequestFormat();
  const columns: TableColumnsType<LoanRequest> = [
    {
      key: 'amount',
      title: t('pool.amountTerm'),
      render: (_, request) => (
        <TwoLines
          first={<Typography.Text strong>{format.amount(request.amount)}</Typography.Text>}
          second={format.term(request.termMonths)}
        />
      ),
    },
    {
      key: 'purpose',
      title: t('pool.purposeProduct'),
      width: 220,
      render: (_, request) => <PurposeProduct request={request} />,
    },
    {
      key: 'place',
      title: t('pool.countyIndustry'),
      render: (_, request) => (
        <TwoLines first={format.county(request.county)} second={format.industry(request.industry)} />
      ),
    },
    {
      key: 'customer',
      title: t('pool.customerCollateral'),
      render: (_, request) => (
        <TwoLines first={format.customerType(request.customerType)} second={format.collateral(request.collateral)} />
      ),
    },
    {
      key: 'tier',
      title: t('pool.tier'),
      render: (_, request) => request.poolTier && <PoolTierTag tier={request.poolTier} />,
    },
    { key: 'applicant', title: t('request.applicant'), render: (_, request) => request.applicant.name },
    {
      key: 'respond',
      title: t('countdown.respond'),
      render: (_, request) => (
        <TwoLines
          first={<StageCountdown request={request} />}
          second={t('pool.waitingFor', { duration: waited(request) })}
        />
      ),
    },
    {
      key: 'claim',
      title: t('common.actions'),
      fixed: 'end',
      render: (_, request) => <ClaimButton loading={claimingId === request.id} onClick={() => claim(request)} />,
    },
  ];
  return (
    <Table
      data-testid="pool"
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      onRow={(request) => ({ 'data-request-id': request.id }) as HTMLAttributes<HTMLElement>}
    />
  );
}
