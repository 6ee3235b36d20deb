import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { useUnreadCount } from './queries';

/** The header's bell: the unread count, and the way to the notification centre. */
export function NotificationBell() {
  const t = useT();
  const unread = useUnreadCount() ?? 0;
  return (
    <Link to="/notifications" data-testid="notification-bell" data-unread={unread}>
      <Badge count={unread} size="small" offset={[-6, 6]}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t('notifications.bell', { count: unread })}
        />
      </Badge>
    </Link>
  );
}
