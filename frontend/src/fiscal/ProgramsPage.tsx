import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PROGRAM_KINDS, PROGRAM_STATUSES, type ProgramKind, type ProgramStatus } from '@lcfin/backend/contract';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import { useRegionName } from '../supervision/useRegionName';
import { BudgetBar } from './BudgetBar';
import { fiscalPageSize, usePrograms, type Program } from './bureauQueries';
import { ProgramKindTag, ProgramStatusTag } from './FiscalTags';
import { ProgramActions } from './ProgramActions';
import { ProgramFormDrawer, type ProgramEditing } from './ProgramFormDrawer';
import { useManagedRegion } from './scope';
import { useAddressFilter } from './useAddressFilter';

/**
 * 政策项目: the programs in the reader's scope with their budget; the bureau drafts, edits, activates
 * and closes its own region's (the platform admin reads them all).
 */
export default function ProgramsPage() {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  const regionName = useRegionName();
  const managedRegion = useManagedRegion();
  const address = useAddressFilter();
  const kind = address.pick('kind', PROGRAM_KINDS);
  const status = address.pick('status', PROGRAM_STATUSES);
  const page = address.page;
  const programs = usePrograms({ kind, status, page });
  const [editing, setEditing] = useState<ProgramEditing | null>(null);

  const actions = (p: Program) => <ProgramActions program={p} onEdit={(program) => setEditing({ program })} />;
  // On a phone the whole program reads down one column: name, kind and status, period, budget, what to do.
  const columns: TableColumnsType<Program> = [
    {
      key: 'name',
      title: t('programs.name'),
      render: (_, p) => (
        <Flex vertical gap={4}>
          <Link to={`/bureau/programs/${p.id}`}>{p.name}</Link>
          <Flex gap={4} wrap>
            <ProgramKindTag kind={p.kind} />
            {phone && <ProgramStatusTag status={p.status} />}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {regionName(p.region, p.regionName)} · {t('supervision.periodRange', { from: p.startsOn, to: p.endsOn })}
          </Typography.Text>
          {phone && <BudgetBar budget={p.budget} />}
          {phone && actions(p)}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : ([
          {
            key: 'status',
            title: t('programs.status'),
            render: (_, p) => <ProgramStatusTag status={p.status} />,
          },
          { key: 'budget', title: t('programs.budget'), render: (_, p) => <BudgetBar budget={p.budget} compact /> },
          { key: 'actions', title: t('common.actions'), render: (_, p) => actions(p) },
        ] satisfies TableColumnsType<Program>)),
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.bureauPrograms')} subtitle={t('programs.subtitle')} />
      <Card
        size="small"
        title={
          <Flex gap={8} wrap style={{ padding: '8px 0' }}>
            <Select<ProgramKind>
              aria-label={t('programs.kind')}
              allowClear
              placeholder={t('programs.allKinds')}
              value={kind}
              onChange={(next) => address.set('kind', next)}
              options={PROGRAM_KINDS.map((k) => ({ value: k, label: t(`programKind.${k}`) }))}
              style={{ width: 150 }}
              data-testid="program-kind-filter"
            />
            <Select<ProgramStatus>
              aria-label={t('programs.status')}
              allowClear
              placeholder={t('programs.allStatuses')}
              value={status}
              onChange={(next) => address.set('status', next)}
              options={PROGRAM_STATUSES.map((s) => ({ value: s, label: t(`programStatus.${s}`) }))}
              style={{ width: 130 }}
              data-testid="program-status-filter"
            />
          </Flex>
        }
        extra={
          managedRegion && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              aria-label={t('programs.create')}
              onClick={() => setEditing({ program: null })}
            >
              {phone ? null : t('programs.create')}
            </Button>
          )
        }
      >
        <Table<Program>
          data-testid="programs"
          rowKey="id"
          columns={columns}
          dataSource={programs.data?.items}
          loading={programs.isFetching}
          locale={{ emptyText: programs.isError ? describeError(programs.error, t) : t('programs.empty') }}
          // One column on a phone: it wraps to the screen rather than scrolling sideways.
          scroll={phone ? undefined : { x: 'max-content' }}
          size={phone ? 'small' : 'middle'}
          onRow={(p) => ({ 'data-program-id': p.id }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: fiscalPageSize,
            total: programs.data?.total,
            onChange: address.setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </Card>
      {managedRegion && <ProgramFormDrawer editing={editing} region={managedRegion} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
