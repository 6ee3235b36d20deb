import { Button, Flex, Grid, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/formErrors';
import { useSignedInUser } from '../auth/signedInUser';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import type { Page } from '../api/client';
import { fiscalPageSize, type Claim } from './bureauQueries';
import { DecisionModal, PaymentModal } from './ClaimActions';
import { ClaimStatusTag, ProgramKindTag } from './FiscalTags';
import { formatFen, formatYuan } from './money';
import { useManages } from './scope';

type Action = { kind: 'review' | 'check' | 'pay'; claim: Claim };

/**
 * Claims with their way to payment, and the step the reader may take next: 初审 a submitted claim,
 * 复核 a reviewed one — never one they reviewed themselves (两人复核), so that button stays disabled
 * with the reason — and record the payment of an approved one. Only the program's own bureau acts.
 */
export function ClaimsTable({
  claims,
  page,
  onPage,
  showProgram = true,
  empty,
}: {
  claims: { data?: Page<Claim> | undefined; isFetching: boolean; isError: boolean; error: unknown };
  page: number;
  onPage: (page: number) => void;
  showProgram?: boolean;
  empty: string;
}) {
  const { t, language } = useI18n();
  const user = useSignedInUser();
  const manages = useManages();
  const phone = Grid.useBreakpoint().md === false;
  const [action, setAction] = useState<Action | null>(null);
  const yuan = (fen: number) => t('fiscal.yuan', { amount: formatFen(fen, language) });

  const nextStep = (c: Claim) => {
    if (!manages(c.program.region)) return null;
    if (c.status === 'submitted') {
      return (
        <Button size="small" type="link" onClick={() => setAction({ kind: 'review', claim: c })}>
          {t('claims.review')}
        </Button>
      );
    }
    if (c.status === 'reviewed') {
      // The claim names its reviewer as people read it (display name); the server decides by account, this only
      // spares the reviewer a check the server would refuse ('claim.selfCheck').
      const ownReview = c.review?.by === user.displayName;
      return (
        <Flex vertical align="flex-start">
          <Tooltip title={ownReview ? t('claims.ownReview') : undefined}>
            <Button
              size="small"
              type="link"
              disabled={ownReview}
              onClick={() => setAction({ kind: 'check', claim: c })}
              data-testid="check-claim"
            >
              {t('claims.check')}
            </Button>
          </Tooltip>
          {/* A phone has no hover: the reason is written out. */}
          {ownReview && phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('claims.ownReview')}
            </Typography.Text>
          )}
        </Flex>
      );
    }
    if (c.status === 'approved') {
      return (
        <Button size="small" type="link" onClick={() => setAction({ kind: 'pay', claim: c })}>
          {t('claims.pay')}
        </Button>
      );
    }
    return null;
  };

  const applicant = (c: Claim) => (
    <Flex vertical gap={2}>
      <Typography.Text strong>{c.request.applicantName}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          c.request.institutionName,
          c.request.disbursedAmount !== null &&
            t('claims.loan', { amount: formatYuan(c.request.disbursedAmount, language) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {showProgram && (
        <Flex gap={4} wrap align="center">
          <ProgramKindTag kind={c.program.kind} />
          <Typography.Text style={{ fontSize: 12 }}>{c.program.name}</Typography.Text>
        </Flex>
      )}
    </Flex>
  );
  const period = (c: Claim) =>
    c.periodStart && c.periodEnd ? (
      <Typography.Text>{t('supervision.periodRange', { from: c.periodStart, to: c.periodEnd })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('claims.compensation')}</Typography.Text>
    );
  const amount = (c: Claim) => (
    <Flex vertical align={phone ? 'flex-start' : 'flex-end'}>
      <Typography.Text strong data-testid="claim-amount">
        {yuan(c.amountFen)}
      </Typography.Text>
      {c.returnedFen > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claims.returned', { amount: yuan(c.returnedFen) })}
        </Typography.Text>
      )}
    </Flex>
  );
  const payee = (c: Claim) => (
    <Flex vertical gap={2}>
      <Typography.Text>{c.payee.accountName ?? c.payee.name}</Typography.Text>
      {c.payee.bankName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.payee.bankName} {c.payee.accountNo}
        </Typography.Text>
      )}
    </Flex>
  );
  const state = (c: Claim) => (
    <Flex vertical gap={2} align="flex-start">
      <ClaimStatusTag status={c.status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.payment
          ? t('claims.paidWith', { on: c.payment.paidOn, voucher: c.payment.voucherNo })
          : t('claims.claimedAt', { at: formatDateTime(c.claimedAt, language) })}
      </Typography.Text>
      {(c.check ?? c.review)?.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claims.lastNote', { note: (c.check ?? c.review)?.note ?? '' })}
        </Typography.Text>
      )}
    </Flex>
  );

  // On a phone a claim reads down one column (who, period, amount, state, the next step); the payee
  // account, for the treasury, is in the export.
  const columns: TableColumnsType<Claim> = phone
    ? [
        {
          key: 'claim',
          title: t('claims.applicant'),
          render: (_, c) => (
            <Flex vertical gap={4}>
              {applicant(c)}
              {period(c)}
              {amount(c)}
              {state(c)}
              {nextStep(c)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'applicant', title: t('claims.applicant'), render: (_, c) => applicant(c) },
        { key: 'period', title: t('claims.period'), render: (_, c) => period(c) },
        { key: 'amount', title: t('claims.amount'), align: 'right', render: (_, c) => amount(c) },
        { key: 'payee', title: t('claims.payee'), render: (_, c) => payee(c) },
        { key: 'status', title: t('claims.status'), render: (_, c) => state(c) },
        { key: 'actions', title: t('common.actions'), render: (_, c) => nextStep(c) },
      ];

  return (
    <>
      <Table<Claim>
        data-testid="claims"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={claims.data?.items}
        loading={claims.isFetching && !claims.data}
        locale={{ emptyText: claims.isError ? describeError(claims.error, t) : empty }}
        // One column on a phone: it wraps to the screen rather than scrolling sideways.
        scroll={phone ? undefined : { x: 'max-content' }}
        onRow={(c) => ({ 'data-claim-id': c.id }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: fiscalPageSize,
          total: claims.data?.total,
          onChange: onPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
      />
      {action && action.kind !== 'pay' && (
        <DecisionModal claim={action.claim} step={action.kind} onClose={() => setAction(null)} />
      )}
      {action?.kind === 'pay' && <PaymentModal claim={action.claim} onClose={() => setAction(null)} />}
    </>
  );
}
