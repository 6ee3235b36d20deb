import { LoginOutlined } from '@ant-design/icons';
import { Button, Grid, Layout } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useT } from '../i18n/context';
import { AppHeader } from './AppHeader';
import { PageLoading } from './PageLoading';

/** The frame of public pages for visitors who are not signed in: the header with a sign-in button. */
export function PublicLayout() {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader compact={phone}>
        <Link to="/login" data-testid="sign-in">
          <Button type="primary" icon={<LoginOutlined />}>
            {t('auth.login')}
          </Button>
        </Link>
      </AppHeader>
      <Layout.Content style={{ padding: phone ? 12 : 24, width: '100%', maxWidth: 1360, marginInline: 'auto' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
