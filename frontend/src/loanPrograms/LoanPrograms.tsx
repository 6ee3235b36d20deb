import { Button, Card, Empty, Flex, List, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSignedInUser } from '../auth/signedInUser';
import { useI18n } from '../i18n/context';
import { formatDateTime, formatFen } from '../i18n/format';
import { LoadFailed } from '../layout/LoadFailed';
import type { LoanRequest } from '../requests/loanRequest';
import { useRequestFormat } from '../requests/format';
import { useNow } from '../pool/useNow';
import { shanghaiDay } from '../sla/stages';
import { compensationsToClaim, latestReport, subsidiesToClaim, takesRecovery } from './claimable';
import { ClaimModal, type ClaimTarget } from './ClaimModal';
import type { Claim, ClaimStatus, Program, ServicingReport } from './program';
import { ProgramKindTag } from './ProgramTags';
import { useLoanClaims, useLoanPrograms, useServicingReports } from './queries';
import { RecoveryModal } from './RecoveryModal';
import { ServicingModal } from './ServicingModal';
import { useProgramTerms } from './useProgramTerms';

const claimColors: Record<ClaimStatus, string> = {
  submitted: 'processing',
  reviewed: 'cyan',
  approved: 'blue',
  paid: 'success',
  rejected: 'error',
};

/** The loan as the fiscal side needs it: disbursed, with a value date. */
interface DisbursedLoan {
  id: string;
  valueDate: string;
  disbursedAmount: number;
}

function EnrolledPrograms({ programs }: { programs: readonly Program[] }) {
  const { t } = useI18n();
  const terms = useProgramTerms();
  return (
    <List
      size="small"
      dataSource={programs as Program[]}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loanProgram.notEnrolled')} /> }}
      renderItem={(program) => (
        <List.Item data-testid="enrolled-program" style={{ paddingInline: 0 }}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" wrap>
              <ProgramKindTag kind={program.kind} />
              <Typography.Text strong>{program.name}</Typography.Text>
              <Typography.Text type="secondary">
                {program.regionName} · {program.startsOn} – {program.endsOn}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary">{terms(program)}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function ReportStatus({ report }: { report: ServicingReport }) {
  const { t, language } = useI18n();
  const label = t(`loanProgram.servicingStatus.${report.status}`);
  if (report.status === 'overdue') return t('loanProgram.overdueFor', { status: label, days: report.overdueDays ?? 0 });
  if (report.status === 'default' && report.lossFen !== null) {
    return t('loanProgram.defaultLoss', { status: label, amount: formatFen(report.lossFen, language) });
  }
  return label;
}

/**
 * A disbursed loan's fiscal side on its request page: the programs it is enrolled in, the periods the
 * lending institution reported, and the claims on them with their states. The applicant claims subsidies
 * for reported periods; the lending institution's staff report and correct periods, claim on the
 * borrower's behalf, claim compensation for a default and record recoveries.
 */
export function LoanPrograms({ request }: { request: LoanRequest }) {
  if (request.status !== 'disbursed' || request.valueDate === null || request.disbursedAmount === null) return null;
  return (
    <LoanProgramsCard
      request={request}
      loan={{ id: request.id, valueDate: request.valueDate, disbursedAmount: request.disbursedAmount }}
    />
  );
}

function LoanProgramsCard({ request, loan }: { request: LoanRequest; loan: DisbursedLoan }) {
  const { t, language } = useI18n();
  const format = useRequestFormat();
  const user = useSignedInUser();
  const programs = useLoanPrograms(loan.id);
  const reports = useServicingReports(loan.id);
  const claims = useLoanClaims(loan.id);
  const [reporting, setReporting] = useState<{ corrects?: ServicingReport } | null>(null);
  const [claiming, setClaiming] = useState<ClaimTarget | null>(null);
  const [recovering, setRecovering] = useState<Claim | null>(null);

  const lender =
    (user.role === 'officer' || user.role === 'institution_admin') &&
    user.institutionId === request.claimedBy?.institution.id;
  const applicant = user.role === 'enterprise' || user.role === 'individual';
  // Today on the platform's calendar bounds the days the forms offer; a page left open past midnight moves on.
  const today = shanghaiDay(useNow(60_000));

  const failed = [programs, reports, claims].find((query) => query.isError);
  if (failed) return <LoadFailed error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!programs.data || !reports.data || !claims.data) {
    return (
      <Card title={t('loanProgram.loanTitle')}>
        <Skeleton active />
      </Card>
    );
  }
  const enrolled = programs.data.filter((item) => item.status === 'enrolled').map((item) => item.program);
  const reportList = reports.data;
  const claimList = claims.data;
  const latest = latestReport(reportList);
  const compensations = lender ? compensationsToClaim(reportList, enrolled, claimList) : [];

  const reportColumns: TableColumnsType<ServicingReport> = [
    {
      key: 'period',
      title: t('loanProgram.period'),
      render: (_, report) => (
        <Flex vertical>
          <Typography.Text delete={report.supersededBy !== null}>
            {report.periodStart} – {report.periodEnd}
          </Typography.Text>
          {report.supersededBy !== null && <Tag style={{ width: 'fit-content' }}>{t('loanProgram.superseded')}</Tag>}
          {report.reason && (
            <Typography.Text type="secondary">
              {t('loanProgram.correctionReason', { reason: report.reason })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'principal',
      title: t('loanProgram.servicing.outstandingPrincipal'),
      render: (_, report) => format.amount(report.outstandingPrincipal),
    },
    {
      key: 'interest',
      title: t('loanProgram.servicing.interestPaid'),
      align: 'right',
      render: (_, report) => t('loanProgram.yuan', { value: formatFen(report.interestPaidFen, language) }),
    },
    {
      key: 'fee',
      title: t('loanProgram.servicing.guaranteeFeePaid'),
      align: 'right',
      render: (_, report) =>
        report.guaranteeFeePaidFen === null
          ? '—'
          : t('loanProgram.yuan', { value: formatFen(report.guaranteeFeePaidFen, language) }),
    },
    {
      key: 'status',
      title: t('loanProgram.servicing.status'),
      render: (_, report) => <ReportStatus report={report} />,
    },
    {
      key: 'reportedAt',
      title: t('loanProgram.reportedAt'),
      render: (_, report) => formatDateTime(report.reportedAt, language),
    },
  ];
  if (lender || applicant) {
    reportColumns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, report) => (
        <Flex gap={8} wrap>
          {subsidiesToClaim(report, enrolled, claimList).map((program) => (
            <Button
              key={program.id}
              size="small"
              type="primary"
              onClick={() => setClaiming({ program, report })}
              data-testid="claim-subsidy"
            >
              {t(`loanProgram.claim.title.${program.kind}`)}
            </Button>
          ))}
          {lender && report.supersededBy === null && (
            <Button size="small" onClick={() => setReporting({ corrects: report })} data-testid="correct-report">
              {t('loanProgram.servicing.correct')}
            </Button>
          )}
        </Flex>
      ),
    });
  }

  const claimColumns: TableColumnsType<Claim> = [
    {
      key: 'program',
      title: t('loanProgram.claim.program'),
      render: (_, claim) => (
        <Flex gap={8} align="center" wrap>
          <ProgramKindTag kind={claim.program.kind} />
          {claim.program.name}
        </Flex>
      ),
    },
    {
      key: 'period',
      title: t('loanProgram.claim.period'),
      render: (_, claim) =>
        claim.periodStart && claim.periodEnd
          ? `${claim.periodStart} – ${claim.periodEnd}`
          : t('loanProgram.claim.forDefault'),
    },
    {
      key: 'amount',
      title: t('loanProgram.claim.amount'),
      align: 'right',
      render: (_, claim) => (
        <Flex vertical>
          <span data-testid="claim-amount">
            {t('loanProgram.yuan', { value: formatFen(claim.amountFen, language) })}
          </span>
          {claim.returnedFen > 0 && (
            <Typography.Text type="secondary">
              {t('loanProgram.claim.returned', { amount: formatFen(claim.returnedFen, language) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('loanProgram.claim.status'),
      render: (_, claim) => (
        <Flex vertical gap={2}>
          <Tag color={claimColors[claim.status]} style={{ width: 'fit-content' }} data-testid="claim-status">
            {t(`loanProgram.claimStatus.${claim.status}`)}
          </Tag>
          {claim.payment && (
            <Typography.Text type="secondary">
              {t('loanProgram.claim.paid', { on: claim.payment.paidOn, voucher: claim.payment.voucherNo })}
            </Typography.Text>
          )}
          {claim.status === 'rejected' && (claim.check?.note ?? claim.review?.note) && (
            <Typography.Text type="secondary">{claim.check?.note ?? claim.review?.note}</Typography.Text>
          )}
        </Flex>
      ),
    },
  ];
  if (lender && claimList.some(takesRecovery)) {
    claimColumns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, claim) =>
        takesRecovery(claim) && (
          <Button size="small" onClick={() => setRecovering(claim)} data-testid="record-recovery">
            {t('loanProgram.recovery.title')}
          </Button>
        ),
    });
  }

  return (
    <Card
      title={t('loanProgram.loanTitle')}
      data-testid="loan-programs"
      extra={
        lender && (
          <Flex gap={8} wrap justify="flex-end">
            {compensations.map((program) => (
              <Button
                key={program.id}
                danger
                onClick={() => setClaiming({ program, report: null })}
                data-testid="claim-compensation"
              >
                {t('loanProgram.claim.title.risk_compensation')}
              </Button>
            ))}
            <Button type="primary" onClick={() => setReporting({})} data-testid="report-servicing">
              {t('loanProgram.servicing.report')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={5}>{t('loanProgram.enrolled')}</Typography.Title>
          <EnrolledPrograms programs={enrolled} />
        </div>
        <div>
          <Typography.Title level={5}>{t('loanProgram.servicing.title')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={reportList}
            columns={reportColumns}
            locale={{ emptyText: t('loanProgram.servicing.none') }}
            data-testid="servicing-reports"
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('loanProgram.claims')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={claimList}
            columns={claimColumns}
            locale={{ emptyText: t('loanProgram.claim.none') }}
            data-testid="loan-claims"
          />
        </div>
      </Flex>
      <ServicingModal
        open={reporting !== null}
        loan={loan}
        corrects={reporting?.corrects}
        latest={latest}
        today={today}
        onClose={() => setReporting(null)}
      />
      <ClaimModal loanRequestId={loan.id} target={claiming} onClose={() => setClaiming(null)} />
      <RecoveryModal loanRequestId={loan.id} claim={recovering} today={today} onClose={() => setRecovering(null)} />
    </Card>
  );
}
