import { FileAddOutlined, SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useLocation } from 'react-router';
import { APPLICANT_ROLES } from '@lcfin/backend/contract';
import { withReturn } from '../auth/returnTo';
import { useMe } from '../auth/session';
import { useT } from '../i18n/context';
import { readWish, requestFormPath, type RequestWish } from '../requests/newRequestForm';
import type { FromCatalog } from './ProductCard';

/**
 * Where applying leads: applicants to the request form, visitors to sign in first and then to it;
 * null for other roles (and while it is not known who is signed in).
 */
function useApplyPath(productId: string | undefined, wish: RequestWish): string | null {
  const user = useMe().data;
  if (user === undefined) return null;
  const applicant = user !== null && (APPLICANT_ROLES as readonly string[]).includes(user.role);
  if (user !== null && !applicant) return null;
  const form = requestFormPath(productId, wish);
  return user === null ? withReturn('/login', form) : form;
}

/** Applies with a product; the amount, term and county the catalog was filtered for go along. */
export function ApplyButton({ productId }: { productId: string }) {
  const t = useT();
  const from = useLocation().state as FromCatalog | null;
  const path = useApplyPath(productId, readWish(new URLSearchParams(from?.catalogSearch ?? '')));
  if (!path) return null;
  return (
    <Link to={path} data-testid="apply">
      <Button type="primary" size="large" icon={<SendOutlined />}>
        {t('product.apply')}
      </Button>
    </Link>
  );
}

/** From a filtered catalog, a request without a product (banks claim it), starting from the filters. */
export function PlaceRequestButton({ wish }: { wish: RequestWish }) {
  const t = useT();
  const path = useApplyPath(undefined, wish);
  if (!path) return null;
  return (
    <Link to={path} data-testid="place-request">
      <Button icon={<FileAddOutlined />}>{t('visitor.placeRequest')}</Button>
    </Link>
  );
}
