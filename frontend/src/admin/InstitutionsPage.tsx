import { App, Button, Flex, Grid, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { INSTITUTION_STATUSES, type InstitutionStatus } from '@lcfin/backend/contract';
import { describeError } from '../api/formErrors';
import { notSet, useProductFormat } from '../catalog/format';
import { useDebouncedCommit } from '../catalog/useDebouncedCommit';
import { useT } from '../i18n/context';
import { InstitutionFormDrawer, type InstitutionEditing } from './InstitutionFormDrawer';
import { SuspendModal } from './SuspendModal';
import { useAdminInstitutions, useReinstateInstitution, type AdminInstitution } from './queries';
import { PageTitle } from '../layout/PageHeading';
import { AdminListCard } from './AdminListCard';

/** 机构管理: every institution on the platform; onboard one with its first admin, edit, suspend, reinstate. */
export default function InstitutionsPage() {
  const t = useT();
  const { message } = App.useApp();
  const format = useProductFormat();
  const phone = Grid.useBreakpoint().md === false;
  const [q, setQ] = useState('');
  const [typed, setTyped] = useDebouncedCommit(q, setQ, 300);
  const [status, setStatus] = useState<InstitutionStatus | undefined>();
  const institutions = useAdminInstitutions({ q, status });
  const reinstate = useReinstateInstitution();
  const [editing, setEditing] = useState<InstitutionEditing | null>(null);
  const [suspending, setSuspending] = useState<AdminInstitution | null>(null);

  const counties = (i: AdminInstitution) => format.list(i.countiesServed.map(format.countyName)) || notSet;
  const columns: TableColumnsType<AdminInstitution> = [
    {
      key: 'name',
      title: t('adminInst.name'),
      render: (_, i) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{i.name}</Typography.Text>
          <Typography.Text type="secondary">
            {t(`institutionType.${i.type}`)} · {t(`institutionLevel.${i.level}`)}
          </Typography.Text>
          {phone && <Typography.Text type="secondary">{counties(i)}</Typography.Text>}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : [
          {
            key: 'counties',
            title: t('adminInst.countiesServed'),
            render: (_: unknown, i: AdminInstitution) => counties(i),
          },
          {
            key: 'contact',
            title: t('adminInst.contact'),
            render: (_: unknown, i: AdminInstitution) =>
              [i.contactName, i.contactPhone].filter(Boolean).join(' ') || notSet,
          },
        ]),
    {
      key: 'status',
      title: t('adminInst.status'),
      render: (_, i) => (
        <Tag color={i.status === 'active' ? 'success' : 'warning'}>{t(`institutionStatus.${i.status}`)}</Tag>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => (
        <Flex vertical={phone} align="flex-start">
          <Button size="small" type="link" onClick={() => setEditing({ institution: i })}>
            {t('common.edit')}
          </Button>
          {i.status === 'active' ? (
            <Button size="small" type="link" danger onClick={() => setSuspending(i)}>
              {t('adminInst.suspend')}
            </Button>
          ) : (
            <Popconfirm
              title={t('adminInst.reinstate')}
              onConfirm={() =>
                reinstate.mutate(i.id, {
                  onSuccess: () => void message.success(t('adminInst.reinstated', { name: i.name })),
                  onError: (error) => void message.error(describeError(error, t)),
                })
              }
            >
              <Button size="small" type="link">
                {t('adminInst.reinstate')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('nav.adminInstitutions')}</PageTitle>
      <AdminListCard<InstitutionStatus>
        search={{ label: t('adminInst.search'), value: typed, onChange: setTyped }}
        filter={{
          label: t('adminInst.status'),
          placeholder: t('adminInst.allStatuses'),
          value: status,
          onChange: setStatus,
          options: INSTITUTION_STATUSES.map((s) => ({ value: s, label: t(`institutionStatus.${s}`) })),
        }}
        create={{ label: t('adminInst.create'), onClick: () => setEditing({ institution: null }) }}
      >
        <Table
          data-testid="institutions"
          rowKey="id"
          columns={columns}
          dataSource={institutions.data?.items}
          loading={institutions.isFetching}
          locale={institutions.isError ? { emptyText: describeError(institutions.error, t) } : undefined}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          size={phone ? 'small' : 'middle'}
        />
      </AdminListCard>
      <InstitutionFormDrawer editing={editing} onClose={() => setEditing(null)} />
      <SuspendModal institution={suspending} onClose={() => setSuspending(null)} />
    </Flex>
  );
}
