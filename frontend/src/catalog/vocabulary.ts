import type { CustomerType, ProductKind, ProductStatus } from '@lcfin/backend/catalog/schema';

// The API's own lists live in the backend's drizzle schema, which the web app may not bundle.

/** Product kinds in the order the filters offer them, with their tag colours. */
export const kindColors: Record<ProductKind, string> = {
  credit: 'blue',
  mortgage: 'purple',
  pledge: 'cyan',
  guarantee: 'orange',
};
export const productKinds = Object.keys(kindColors) as ProductKind[];

export const statusColors: Record<ProductStatus, string> = {
  draft: 'default',
  listed: 'success',
  delisted: 'error',
};
export const productStatuses = Object.keys(statusColors) as ProductStatus[];

export const customerTypes: readonly CustomerType[] = ['enterprise', 'individual', 'sole_trader', 'farmer'];
