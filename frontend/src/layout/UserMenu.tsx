import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../auth/session';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';

/** Who is signed in, in which role, and the way out; folded into a dropdown on phones. */
export function UserMenu({ compact }: { compact: boolean }) {
  const user = useSignedInUser();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const roleLabel = t(`role.${user.role}`);

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate('/login', { replace: true }),
      onError: () => void message.error(t('auth.logoutFailed')),
    });

  if (compact) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              label: `${user.displayName} · ${roleLabel}`,
              disabled: true,
            },
            { type: 'divider' },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: t('auth.logout'),
              onClick: signOut,
            },
          ],
        }}
      >
        <Button type="text" shape="circle" aria-label={user.displayName} icon={<UserOutlined />} />
      </Dropdown>
    );
  }

  return (
    <Space size="middle">
      <Space size="small" data-testid="current-user">
        <Avatar size="small" icon={<UserOutlined />} />
        <Typography.Text>{user.displayName}</Typography.Text>
        <Tag color="blue" variant="solid" data-testid="current-role">
          {roleLabel}
        </Tag>
      </Space>
      <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} onClick={signOut}>
        {t('auth.logout')}
      </Button>
    </Space>
  );
}
