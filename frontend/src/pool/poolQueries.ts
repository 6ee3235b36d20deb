import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { LoanRequest, SentLoanRequest } from '../requests/loanRequest';
import { received } from '../requests/queries';

/** The grab hall's list: the open requests the officer's institution may claim now (masked). */
export const poolKey = ['pool'] as const;

export function usePool() {
  return useQuery({
    queryKey: poolKey,
    queryFn: async () => (await api.get<{ items: SentLoanRequest[] }>('/pool')).items.map(received),
  });
}

/** True when a grab hall list is cached, i.e. worth keeping current. */
export function poolCached(queryClient: QueryClient): boolean {
  return queryClient.getQueryData(poolKey) !== undefined;
}

/** Adds a request to the grab hall, or refreshes it there (it may come back at a wider tier). */
export function putInPool(queryClient: QueryClient, request: LoanRequest): void {
  queryClient.setQueryData<LoanRequest[]>(poolKey, (items) => {
    if (!items) return items;
    const at = items.findIndex((item) => item.id === request.id);
    return at < 0 ? [...items, request] : items.with(at, request);
  });
}

export function removeFromPool(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<LoanRequest[]>(poolKey, (items) => items?.filter((item) => item.id !== id));
}
