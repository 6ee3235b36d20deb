import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('page.notFound')}
      extra={
        <Link to="/home">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}
