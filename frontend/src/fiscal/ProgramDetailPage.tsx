import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PARAMS_OF_KIND } from '@lcfin/backend/contract';
import { describeError } from '../api/formErrors';
import { useInstitutions } from '../api/institutions';
import { useI18n } from '../i18n/context';
import { formatDateTime, formatAmount } from '../i18n/format';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { PageLoading } from '../layout/PageLoading';
import { industryLabel } from '../reference/names';
import { useRegionName } from '../supervision/useRegionName';
import { BudgetBar } from './BudgetBar';
import {
  fiscalPageSize,
  useClaims,
  useProgram,
  useProgramLedger,
  type LedgerEntry,
  type Program,
} from './bureauQueries';
import { ClaimsTable } from './ClaimsTable';
import { ProgramKindTag, ProgramStatusTag } from './FiscalTags';
import { formatFen, formatYuan } from './money';
import { ProgramActions } from './ProgramActions';
import { ProgramFormDrawer, type ProgramEditing } from './ProgramFormDrawer';

/** The program's rules in words: what it pays and who qualifies ("不限" where it sets no limit). */
function ProgramRules({ program }: { program: Program }) {
  const { t, language } = useI18n();
  const regionName = useRegionName();
  const e = program.eligibility;
  const institutions = useInstitutions(e.institutionIds ?? []);
  const any = t('eligibility.any');
  const list = (items: string[] | undefined) => (items?.length ? items.join('、') : any);
  const param = (field: (typeof PARAMS_OF_KIND)[keyof typeof PARAMS_OF_KIND]['allowed'][number]) => {
    const value = program.params[field];
    if (value === undefined) return t('eligibility.none');
    if (field === 'perBorrowerCapPerYear' || field === 'capPerLoan')
      return t('fiscal.yuan', { amount: formatYuan(value, language) });
    return `${value}%`;
  };
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="program-rules">
      <Descriptions.Item label={t('programs.region')}>
        {regionName(program.region, program.regionName)}
      </Descriptions.Item>
      <Descriptions.Item label={t('programs.period')}>
        {t('supervision.periodRange', { from: program.startsOn, to: program.endsOn })}
      </Descriptions.Item>
      <Descriptions.Item label={t('programs.policyRef')}>
        {program.policyRef ?? t('eligibility.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('programs.createdAt')}>
        {formatDateTime(program.createdAt, language)}
      </Descriptions.Item>
      {PARAMS_OF_KIND[program.kind].allowed.map((field) => (
        <Descriptions.Item key={field} label={t(`programParam.${field}`)}>
          {param(field)}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('eligibility.customerTypes')}>
        {list(e.customerTypes?.map((c) => t(`customerType.${c}`)))}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.productKinds')}>
        {list(e.productKinds?.map((k) => t(`kind.${k}`)))}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.industries')}>
        {list(e.industries?.map((code) => industryLabel(code, language)))}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.counties')}>
        {list(e.counties?.map((code) => regionName(code, code)))}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.institutions')}>
        {list(institutions.map((i, n) => i.data?.name ?? e.institutionIds?.[n] ?? ''))}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.maxAmount')}>
        {e.maxAmount === undefined ? any : t('unit.amount', { value: formatAmount(e.maxAmount, language) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.maxTermMonths')}>
        {e.maxTermMonths === undefined ? any : t('unit.months', { value: e.maxTermMonths })}
      </Descriptions.Item>
      <Descriptions.Item label={t('eligibility.firstLoanOnly')}>
        {t(e.firstLoanOnly ? 'common.yes' : 'common.no')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 资金台账: every movement of the program's money — commitments, payments, recoveries returned (negative). */
function Ledger({ programId }: { programId: string }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const ledger = useProgramLedger(programId, page);
  return (
    <Table<LedgerEntry>
      data-testid="ledger"
      rowKey="id"
      size="small"
      dataSource={ledger.data?.items}
      loading={ledger.isFetching && !ledger.data}
      locale={{ emptyText: ledger.isError ? describeError(ledger.error, t) : t('ledger.empty') }}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize: fiscalPageSize,
        total: ledger.data?.total,
        onChange: setPage,
        showSizeChanger: false,
        hideOnSinglePage: true,
      }}
      columns={[
        { key: 'on', title: t('ledger.on'), render: (_, l) => l.on },
        { key: 'kind', title: t('ledger.kind'), render: (_, l) => t(`ledger.kind.${l.kind}`) },
        {
          key: 'amount',
          title: t('ledger.amount'),
          align: 'right',
          render: (_, l) => t('fiscal.yuan', { amount: formatFen(l.amountFen, language) }),
        },
        { key: 'actor', title: t('ledger.actor'), render: (_, l) => l.actor },
        { key: 'at', title: t('ledger.at'), render: (_, l) => formatDateTime(l.at, language) },
      ]}
    />
  );
}

/** 政策项目详情: the program's rules and budget, its ledger and its claims (with the bureau's next steps). */
export default function ProgramDetailPage() {
  const t = useI18n().t;
  const { id = '' } = useParams();
  const program = useProgram(id);
  const [claimsPage, setClaimsPage] = useState(1);
  const claims = useClaims({ programId: id, page: claimsPage });
  const [editing, setEditing] = useState<ProgramEditing | null>(null);

  if (program.isError) return <LoadFailed error={program.error} onRetry={() => void program.refetch()} />;
  if (!program.data) return <PageLoading />;
  const p = program.data;
  return (
    <Flex vertical gap={16} data-testid="program-detail" data-status={p.status}>
      <Link to="/bureau/programs">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>
          {t('nav.bureauPrograms')}
        </Button>
      </Link>
      <PageHeading
        title={p.name}
        extra={
          <Flex gap={8} align="center" wrap>
            <ProgramKindTag kind={p.kind} />
            <ProgramStatusTag status={p.status} />
            <ProgramActions program={p} onEdit={(program) => setEditing({ program })} />
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('budget.title')}>
            <BudgetBar budget={p.budget} />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('programs.rules')}>
            <ProgramRules program={p} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('programs.claims')}>
        <ClaimsTable
          claims={claims}
          page={claimsPage}
          onPage={setClaimsPage}
          showProgram={false}
          empty={t('claims.empty.all')}
        />
      </Card>
      <Card size="small" title={t('ledger.title')}>
        <Typography.Paragraph type="secondary">{t('ledger.hint')}</Typography.Paragraph>
        <Ledger programId={p.id} />
      </Card>
      <ProgramFormDrawer editing={editing} region={p.region} onClose={() => setEditing(null)} />
    </Flex>
  );
}
