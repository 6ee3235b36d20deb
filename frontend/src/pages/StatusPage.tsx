import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { PageTitle } from '../layout/PageHeading';

/** 403 and 404 as a page, with the way back home. */
export function StatusPage({ status }: { status: 403 | 404 }) {
  const t = useT();
  return (
    <Result
      status={status === 403 ? '403' : '404'}
      title={<PageTitle>{t(status === 403 ? 'page.forbidden' : 'page.notFound')}</PageTitle>}
      subTitle={String(status)}
      extra={
        <Link to="/home">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}
