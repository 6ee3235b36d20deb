import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import { APPLICANT_ROLES } from '@lcfin/backend/contract';
import { useMe } from '../auth/session';
import { useT } from '../i18n/context';

/** Applies with a product: applicants go to the request form, visitors sign in first, other roles see nothing. */
export function ApplyButton({ productId }: { productId: string }) {
  const t = useT();
  const user = useMe().data;
  if (user === undefined) return null;
  const applicant = user !== null && (APPLICANT_ROLES as readonly string[]).includes(user.role);
  if (user !== null && !applicant) return null;

  const to = user === null ? '/login' : `/my/requests/new?productId=${encodeURIComponent(productId)}`;
  return (
    <Link to={to} data-testid="apply">
      <Button type="primary" size="large" icon={<SendOutlined />}>
        {t('product.apply')}
      </Button>
    </Link>
  );
}
