import { Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';
import { navigationByRole, navItemFor } from './navigation';

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
        label: <Link to={item.path}>{t(item.label)}</Link>,
      }))}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
