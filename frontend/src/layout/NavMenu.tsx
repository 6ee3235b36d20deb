import { Menu } from 'antd';
import { useLocation } from 'react-router';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';
import { NavItemLink, navigationByRole, navItemFor } from './navigation';

/** The role's navigation; each item's key is its path (read by browser tests via data-testid="nav"). */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const user = useSignedInUser();
  const t = useT();
  const { pathname } = useLocation();
  const current = navItemFor(user.role, pathname);

  return (
    <Menu
      data-testid="nav"
      mode="inline"
      selectedKeys={current ? [current.path] : []}
      onClick={onNavigate}
      items={navigationByRole[user.role].map((item) => ({
        key: item.path,
        'data-key': item.path,
        icon: item.icon,
        label: <NavItemLink item={item}>{t(item.label)}</NavItemLink>,
      }))}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
