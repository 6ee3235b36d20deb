import { App, Button, Flex, Grid, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '@lcfin/backend/contract';
import { describeError } from '../api/formErrors';
import { useSignedInUser } from '../auth/signedInUser';
import { useProductFormat } from '../catalog/format';
import { useDebouncedCommit } from '../catalog/useDebouncedCommit';
import { useT } from '../i18n/context';
import { AccountFormModal } from './AccountFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { WorkPhoneModal } from './WorkPhoneModal';
import { useAccounts, useSetAccountStatus, type Account } from './queries';
import { PageTitle } from '../layout/PageHeading';
import { AdminListCard } from './AdminListCard';

/** 账户管理: every account; create staff accounts, disable or enable one, reset a password, set a work phone. */
export default function AccountsPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useSignedInUser();
  const format = useProductFormat();
  const phone = Grid.useBreakpoint().md === false;
  const [q, setQ] = useState('');
  const [typed, setTyped] = useDebouncedCommit(q, setQ, 300);
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const accounts = useAccounts({ q, role, page });
  const setStatus = useSetAccountStatus();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [phoning, setPhoning] = useState<Account | null>(null);

  const changeStatus = (account: Account, enable: boolean) =>
    setStatus.mutate(
      { id: account.id, enable },
      {
        onSuccess: () =>
          void message.success(
            t(enable ? 'accounts.enabledDone' : 'accounts.disabledDone', { username: account.username }),
          ),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );

  const scope = (a: Account) =>
    a.institutionName ??
    (a.role === 'bureau' ? (a.county ? format.countyName(a.county) : t('accounts.cityWide')) : null) ??
    (a.county ? format.countyName(a.county) : '—');
  const statusTags = (a: Account) => (
    <Flex gap={4} wrap>
      {a.status === 'active' ? <Tag color="success">{t('accounts.active')}</Tag> : <Tag>{t('accounts.disabled')}</Tag>}
      {a.mustChangePassword && <Tag color="warning">{t('accounts.mustChange')}</Tag>}
    </Flex>
  );
  const columns: TableColumnsType<Account> = [
    {
      key: 'account',
      title: t('auth.username'),
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{a.username}</Typography.Text>
          <Typography.Text type="secondary">{a.displayName}</Typography.Text>
          {a.workPhone && <Typography.Text type="secondary">{a.workPhone}</Typography.Text>}
          {phone && (
            <Typography.Text type="secondary">
              {t(`role.${a.role}`)} · {scope(a)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : [
          { key: 'role', title: t('accounts.role'), render: (_: unknown, a: Account) => t(`role.${a.role}`) },
          { key: 'scope', title: t('accounts.scope'), render: (_: unknown, a: Account) => scope(a) },
        ]),
    { key: 'status', title: t('accounts.status'), render: (_, a) => statusTags(a) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, a) =>
        a.id === me.id ? null : (
          <Flex vertical={phone} align="flex-start">
            <Button size="small" type="link" onClick={() => setResetting(a)}>
              {t('accounts.resetPassword')}
            </Button>
            <Button size="small" type="link" onClick={() => setPhoning(a)}>
              {t('workPhone.label')}
            </Button>
            {a.status === 'active' ? (
              <Popconfirm
                title={t('accounts.disableConfirm', { username: a.username })}
                description={t('accounts.disableNote')}
                onConfirm={() => changeStatus(a, false)}
              >
                <Button size="small" type="link" danger>
                  {t('accounts.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" type="link" onClick={() => changeStatus(a, true)}>
                {t('accounts.enable')}
              </Button>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('nav.adminAccounts')}</PageTitle>
      <AdminListCard<Role>
        search={{
          label: t('accounts.search'),
          value: typed,
          onChange: (text) => {
            setTyped(text);
            setPage(1);
          },
        }}
        filter={{
          label: t('accounts.role'),
          placeholder: t('accounts.allRoles'),
          value: role,
          onChange: (value) => {
            setRole(value);
            setPage(1);
          },
          options: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
        }}
        create={{ label: t('accounts.create'), onClick: () => setCreating(true) }}
      >
        <Table
          data-testid="accounts"
          rowKey="id"
          columns={columns}
          dataSource={accounts.data?.items}
          loading={accounts.isFetching}
          locale={accounts.isError ? { emptyText: describeError(accounts.error, t) } : undefined}
          pagination={{
            current: page,
            pageSize: 20,
            total: accounts.data?.total,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
          size={phone ? 'small' : 'middle'}
        />
      </AdminListCard>
      <AccountFormModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
      <WorkPhoneModal account={phoning} onClose={() => setPhoning(null)} />
    </Flex>
  );
}
