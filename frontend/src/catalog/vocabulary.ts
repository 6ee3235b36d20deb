import {
  CUSTOMER_TYPES,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  type ProductKind,
  type ProductStatus,
} from '@lcfin/backend/contract';

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
