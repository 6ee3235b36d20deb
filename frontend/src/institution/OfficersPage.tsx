import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/formErrors';
import { notSet, useProductFormat } from '../catalog/format';
import { useT } from '../i18n/context';
import { InstitutionProfileCard } from './InstitutionProfileCard';
import { OfficerFormModal, type OfficerEditing } from './OfficerFormModal';
import { useOfficers, useUpdateOfficer, type Officer } from './officers';
import { useOwnInstitutionId } from './ownInstitution';
import { PageTitle } from '../layout/PageHeading';

/** 客户经理: the institution's profile and its customer managers, with the counties each serves and their work phone. */
export default function OfficersPage() {
  const t = useT();
  const { message } = App.useApp();
  const institutionId = useOwnInstitutionId();
  const format = useProductFormat();
  const phone = Grid.useBreakpoint().md === false;
  const officers = useOfficers(institutionId);
  const update = useUpdateOfficer(institutionId);
  const [editing, setEditing] = useState<OfficerEditing | null>(null);

  const setStatus = (officer: Officer, status: Officer['status']) =>
    update.mutate(
      { id: officer.id, changes: { status } },
      {
        onSuccess: () =>
          void message.success(
            t(status === 'disabled' ? 'officers.disabled' : 'officers.enabled', { name: officer.displayName }),
          ),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );

  const counties = (officer: Officer) => format.list(officer.countiesServed.map(format.countyName)) || notSet;
  // A phone shows the username and counties under the name; a wider screen gives them columns.
  const columns: TableColumnsType<Officer> = [
    ...(phone
      ? [
          {
            key: 'officer',
            title: t('officers.displayName'),
            render: (_: unknown, officer: Officer) => (
              <Flex vertical gap={2}>
                <Typography.Text>{officer.displayName}</Typography.Text>
                <Typography.Text type="secondary">{officer.username}</Typography.Text>
                <Typography.Text type="secondary">{counties(officer)}</Typography.Text>
                {officer.workPhone && <Typography.Text type="secondary">{officer.workPhone}</Typography.Text>}
              </Flex>
            ),
          },
        ]
      : [
          { key: 'displayName', title: t('officers.displayName'), dataIndex: 'displayName' },
          { key: 'username', title: t('auth.username'), dataIndex: 'username' },
          {
            key: 'counties',
            title: t('officers.countiesServed'),
            render: (_: unknown, officer: Officer) => counties(officer),
          },
          {
            key: 'workPhone',
            title: t('workPhone.label'),
            render: (_: unknown, officer: Officer) => officer.workPhone ?? notSet,
          },
        ]),
    {
      key: 'status',
      title: t('officers.status'),
      render: (_, officer) =>
        officer.status === 'active' ? (
          <Tag color="success">{t('officers.active')}</Tag>
        ) : (
          <Tag>{t('officers.inactive')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: phone ? undefined : 'end',
      render: (_, officer) => (
        <Flex vertical={phone} align="flex-start">
          <Button size="small" type="link" onClick={() => setEditing({ officer })}>
            {t('common.edit')}
          </Button>
          {officer.status === 'active' ? (
            <Popconfirm
              title={t('officers.disableConfirm', { name: officer.displayName })}
              description={t('officers.disableNote')}
              onConfirm={() => setStatus(officer, 'disabled')}
            >
              <Button size="small" type="link" danger>
                {t('officers.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="link" onClick={() => setStatus(officer, 'active')}>
              {t('officers.enable')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('nav.institutionOfficers')}</PageTitle>
      <InstitutionProfileCard institutionId={institutionId} />
      <Card
        title={t('officers.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ officer: null })}>
            {t('officers.create')}
          </Button>
        }
      >
        <Table
          data-testid="officers"
          rowKey="id"
          columns={columns}
          dataSource={officers.data}
          loading={officers.isFetching}
          locale={officers.isError ? { emptyText: describeError(officers.error, t) } : undefined}
          pagination={false}
          scroll={phone ? undefined : { x: 840 }}
        />
      </Card>
      <OfficerFormModal institutionId={institutionId} editing={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}
