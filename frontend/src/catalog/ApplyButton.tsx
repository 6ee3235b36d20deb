import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useLocation } from 'react-router';
import { APPLICANT_ROLES } from '@lcfin/backend/contract';
import { withReturn } from '../auth/returnTo';
import { useMe } from '../auth/session';
import { useT } from '../i18n/context';
import { readWish, requestFormPath } from '../requests/newRequestForm';
import type { FromCatalog } from './ProductCard';

/**
 * Applies with a product: applicants go to the request form, visitors sign in first and then land
 * on it; other roles see nothing. The amount, term and county the catalog was filtered for go along.
 */
export function ApplyButton({ productId }: { productId: string }) {
  const t = useT();
  const user = useMe().data;
  const from = useLocation().state as FromCatalog | null;
  if (user === undefined) return null;
  const applicant = user !== null && (APPLICANT_ROLES as readonly string[]).includes(user.role);
  if (user !== null && !applicant) return null;

  const form = requestFormPath(productId, readWish(new URLSearchParams(from?.catalogSearch ?? '')));
  return (
    <Link to={user === null ? withReturn('/login', form) : form} data-testid="apply">
      <Button type="primary" size="large" icon={<SendOutlined />}>
        {t('product.apply')}
      </Button>
    </Link>
  );
}
