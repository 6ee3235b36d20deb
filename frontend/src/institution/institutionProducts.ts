import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import { institutionQueryKey } from '../api/institutions';
import type { ProductFieldsBody, ProductHistory } from '@lcfin/backend/contract';
import type { Product, ProductStatus } from '../catalog/product';

/** What an institution admin writes; null clears a field of a draft. Money in yuan, rates in percent. */
export type ProductInput = ProductFieldsBody;

export type { ProductChange, ProductField } from '@lcfin/backend/contract';

export const institutionProductsPageSize = 10;

const productsKey = (institutionId: string) => [...institutionQueryKey(institutionId), 'products'] as const;

/** Every product of the institution, drafts and delisted ones included. */
export function useInstitutionProducts(institutionId: string, status: ProductStatus | undefined, page: number) {
  const params = new URLSearchParams({ page: String(page), pageSize: String(institutionProductsPageSize) });
  if (status) params.set('status', status);
  return useQuery({
    queryKey: [...productsKey(institutionId), params.toString()],
    queryFn: () => api.get<Page<Product>>(`/institutions/${encodeURIComponent(institutionId)}/products?${params}`),
    placeholderData: keepPreviousData,
  });
}

/** After any change the institution's list and every cached catalog page are out of date. */
function useRefreshProducts(institutionId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: productsKey(institutionId) }),
      queryClient.invalidateQueries({ queryKey: ['products'] }),
    ]);
}

/** Creates a draft (no id) or edits a product. */
export function useSaveProduct(institutionId: string) {
  const refresh = useRefreshProducts(institutionId);
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ProductInput }) =>
      id ? api.patch<Product>(`/products/${encodeURIComponent(id)}`, input) : api.post<Product>('/products', input),
    onSuccess: refresh,
  });
}

/** Lists (上架) or delists (下架) a product. */
export function useChangeListing(institutionId: string) {
  const refresh = useRefreshProducts(institutionId);
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'list' | 'delist' }) =>
      api.post<Product>(`/products/${encodeURIComponent(id)}/${action}`),
    onSuccess: refresh,
  });
}

export function useProductHistory(productId: string) {
  return useQuery({
    queryKey: ['products', productId, 'history'],
    queryFn: () => api.get<ProductHistory>(`/products/${encodeURIComponent(productId)}/history`),
  });
}
