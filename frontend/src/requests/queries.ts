import { keepPreviousData, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import type { LoanRequest, RequestStatus, TimelineEntry } from './loanRequest';

export const requestListPageSize = 10;

/** Cache keys: every list under `lists`, so one invalidation refreshes them all. */
export const requestKeys = {
  all: ['loan-requests'] as const,
  lists: ['loan-requests', 'list'] as const,
  detail: (id: string) => ['loan-requests', 'detail', id] as const,
  timeline: (id: string) => ['loan-requests', 'timeline', id] as const,
};

export const requestPath = (id: string) => `/loan-requests/${encodeURIComponent(id)}`;

export function fetchRequest(id: string): Promise<LoanRequest> {
  return api.get<LoanRequest>(requestPath(id));
}

/** One page of the caller's requests, maybe of one status. */
function listQuery(status: RequestStatus | undefined, page: number, pageSize: number) {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (status) params.set('status', status);
  return {
    queryKey: [...requestKeys.lists, params.toString()],
    queryFn: () => api.get<Page<LoanRequest>>(`/loan-requests?${params}`),
  };
}

/** The caller's requests (own, claimed or the institution's, by role), one page. */
export function useLoanRequests(status: RequestStatus | undefined, page: number) {
  return useQuery({ ...listQuery(status, page, requestListPageSize), placeholderData: keepPreviousData });
}

/** How many of the caller's requests are in each status (a one-item page each: only `total` is read). */
export function useStatusCounts(statuses: readonly RequestStatus[]) {
  return useQueries({
    queries: statuses.map((status) => ({
      ...listQuery(status, 1, 1),
      select: (page: Page<LoanRequest>) => page.total,
    })),
  });
}

export function useLoanRequest(id: string) {
  return useQuery({ queryKey: requestKeys.detail(id), queryFn: () => fetchRequest(id) });
}

/** The timeline; only for those who see the request in full (a masked viewer gets 403). */
export function useTimeline(id: string, enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.timeline(id),
    queryFn: async () => (await api.get<{ items: TimelineEntry[] }>(`${requestPath(id)}/timeline`)).items,
    enabled,
  });
}

/**
 * After a request changed: its timeline and every list refetch (those on screen at once), and so does
 * the request itself unless the caller already has it `fresh` from the answer to its own action.
 */
export function requestChanged(queryClient: QueryClient, id: string, fresh?: LoanRequest): Promise<unknown> {
  if (fresh) queryClient.setQueryData(requestKeys.detail(id), fresh);
  return Promise.all([
    fresh ? undefined : queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: requestKeys.timeline(id) }),
    queryClient.invalidateQueries({ queryKey: requestKeys.lists }),
  ]);
}
