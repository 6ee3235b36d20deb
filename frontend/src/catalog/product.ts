import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { ProductDetail, ProductFieldsBody, ProductView } from '@lcfin/backend/contract';
import { api, type Page } from '../api/client';
import { useI18n } from '../i18n/context';
import type { Language } from '../i18n/language';
import { catalogSearchParams, type CatalogQuery } from './catalogQuery';

export type { CustomerType, ProductDetail, ProductKind, ProductStatus } from '@lcfin/backend/contract';

/** A financial product as the API shows it. Money is integer yuan, rates annual percent. */
export type Product = ProductView;

/** The fields an institution writes on a product, as the product shows them. */
export type ProductFields = Pick<Product, keyof ProductFieldsBody>;

export const catalogPageSize = 12;

/** Listed products matching the catalog's filters, one page. */
export function useCatalog(query: CatalogQuery) {
  const params = catalogSearchParams(query);
  params.set('pageSize', String(catalogPageSize));
  return useQuery({
    queryKey: ['products', 'catalog', params.toString()],
    queryFn: () => api.get<Page<Product>>(`/products?${params}`),
    placeholderData: keepPreviousData,
  });
}

// The eligibility text comes in the request's language, so the language is part of the key.
function productQuery(id: string, language: Language) {
  return queryOptions({
    queryKey: ['products', id, language],
    queryFn: () => api.get<ProductDetail>(`/products/${encodeURIComponent(id)}`),
  });
}

export function useProduct(id: string) {
  return useQuery(productQuery(id, useI18n().language));
}

export function useProducts(ids: readonly string[]) {
  const { language } = useI18n();
  return useQueries({ queries: ids.map((id) => productQuery(id, language)) });
}
