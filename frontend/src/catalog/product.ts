import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { CustomerType, ProductKind, ProductStatus } from '@lcfin/backend/contract';
import { api, type Page } from '../api/client';
import type { InstitutionType } from '../api/institutions';
import { useI18n } from '../i18n/context';
import type { Language } from '../i18n/language';
import { catalogSearchParams, type CatalogQuery } from './catalogQuery';

export type { CustomerType, ProductKind, ProductStatus } from '@lcfin/backend/contract';

/** The fields an institution writes on a product. Money is integer yuan, rates annual percent. */
export interface ProductFields {
  name: string;
  kind: ProductKind;
  minAmount: number | null;
  maxAmount: number | null;
  minTermMonths: number | null;
  maxTermMonths: number | null;
  minRate: number | null;
  maxRate: number | null;
  customerTypes: CustomerType[];
  allCounties: boolean;
  counties: string[];
  allIndustries: boolean;
  industries: string[];
  requiredMaterials: string[];
  description: string;
}

/** A financial product as the API shows it. */
export interface Product extends ProductFields {
  id: string;
  status: ProductStatus;
  institution: { id: string; name: string; type: InstitutionType };
  requestCount: number;
  listedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One product with its eligibility rules in plain words, in the requested language. */
export interface ProductDetail extends Product {
  eligibility: string[];
}

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
