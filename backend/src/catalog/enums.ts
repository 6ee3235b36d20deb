/** The fixed lists a product's fields take. Pure: the web app imports them (through contract.ts). */
export const PRODUCT_KINDS = ['credit', 'mortgage', 'pledge', 'guarantee'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const CUSTOMER_TYPES = ['enterprise', 'individual', 'sole_trader', 'farmer'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const PRODUCT_STATUSES = ['draft', 'listed', 'delisted'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
/** How the catalog orders its products: most requested first, lowest rate first, largest amount first. */
export const CATALOG_SORTS = ['popular', 'rate', 'amount'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
