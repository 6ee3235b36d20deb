import { Drawer, Grid, Layout, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { useSignedInUser } from '../auth/signedInUser';
import { ProvisionalYearBanner } from '../calendar/ProvisionalYearBanner';
import { NotificationBell } from '../notifications/NotificationBell';
import { AppHeader } from './AppHeader';
import { Brand } from './Brand';
import { NavMenu } from './NavMenu';
import { PageLoading } from './PageLoading';
import { UserMenu } from './UserMenu';

/**
 * The signed-in frame: header (with the notification bell), the role's navigation (a Drawer on
 * phones) and the page; above it, for the platform admin, whether a holiday schedule is needed.
 */
export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [navOpen, setNavOpen] = useState(false);
  const { token } = theme.useToken();
  const user = useSignedInUser();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader compact={phone} onOpenNav={() => setNavOpen(true)}>
        <NotificationBell />
        <UserMenu compact={phone} />
      </AppHeader>
      <Layout>
        {phone ? (
          <Drawer
            placement="left"
            size={256}
            open={navOpen}
            onClose={() => setNavOpen(false)}
            closable={false}
            title={<Brand size={24} />}
            styles={{ body: { padding: '8px 0' } }}
          >
            <NavMenu onNavigate={() => setNavOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={220}
            breakpoint="lg"
            collapsible
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            {/* The Sider stretches to the page's full height, so its background does; the menu inside stays in view. */}
            <div style={{ position: 'sticky', top: 64, maxHeight: 'calc(100vh - 64px)', overflow: 'auto' }}>
              <NavMenu />
            </div>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          {user.role === 'admin' && <ProvisionalYearBanner />}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
