import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { Link, useLocation } from 'react-router';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';
import { navItemFor } from '../layout/navigation';

/** Stands in for a feature page that a later release delivers. */
export default function ComingSoonPage() {
  const user = useSignedInUser();
  const t = useT();
  const item = navItemFor(user.role, useLocation().pathname);
  return (
    <Card data-testid="coming-soon">
      <Result
        icon={<ClockCircleOutlined />}
        title={item && t(item.label)}
        subTitle={t('page.comingSoon')}
        extra={
          <Link to="/home">
            <Button>{t('page.backHome')}</Button>
          </Link>
        }
      />
    </Card>
  );
}
