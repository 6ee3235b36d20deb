import { CUSTOMER_TYPES, PRODUCT_KINDS, PRODUCT_STATUSES } from '@lcfin/backend/contract';
import type { ProductKind, ProductStatus } from './product';

/** Product kinds' tag colours. */
export const kindColors: Record<ProductKind, string> = {
  credit: 'blue',
  mortgage: 'purple',
  pledge: 'cyan',
  guarantee: 'orange',
};
export const productKinds = PRODUCT_KINDS;

export const statusColors: Record<ProductStatus, string> = {
  draft: 'default',
  listed: 'success',
  delisted: 'error',
};
export const productStatuses = PRODUCT_STATUSES;

export const customerTypes = CUSTOMER_TYPES;
