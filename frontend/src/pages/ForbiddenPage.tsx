import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';

export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('page.forbidden')}
      extra={
        <Link to="/home">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}
