import { keepPreviousData, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import type { Format, HandoverOfficersView, RequestFiltersQuery } from '@lcfin/backend/contract';
import { downloadFile } from '../api/download';
import type { LoanRequest, SentLoanRequest, TimelineEntry } from './loanRequest';

export const requestListPageSize = 10;
const minute = 60_000;

/** Cache keys: every list under `lists`, so one invalidation refreshes them all. */
export const requestKeys = {
  all: ['loan-requests'] as const,
  lists: ['loan-requests', 'list'] as const,
  detail: (id: string) => ['loan-requests', 'detail', id] as const,
  timeline: (id: string) => ['loan-requests', 'timeline', id] as const,
};

export const requestPath = (id: string) => `/loan-requests/${encodeURIComponent(id)}`;

/**
 * Every request that arrives from the API passes here, to note when: its open stage's clock is a
 * snapshot taken at that moment on the platform's clock, read forward from then.
 */
export function received(request: SentLoanRequest): LoanRequest {
  return { ...request, receivedAt: Date.now() };
}

export async function fetchRequest(id: string): Promise<LoanRequest> {
  return received(await api.get<SentLoanRequest>(requestPath(id)));
}

/**
 * Which of the caller's requests a list shows: one status or those due soon or overdue, words to
 * find, a county, a period of submission — or all.
 */
export type RequestFilter = RequestFiltersQuery;

function filterParams(filter: RequestFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params;
}

/** One page of the caller's requests, filtered; due soon and overdue change with time alone, so they refresh. */
function listQuery(filter: RequestFilter, page: number, pageSize: number) {
  const params = filterParams(filter);
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return {
    queryKey: [...requestKeys.lists, params.toString()],
    queryFn: async (): Promise<Page<LoanRequest>> => {
      const sent = await api.get<Page<SentLoanRequest>>(`/loan-requests?${params}`);
      return { ...sent, items: sent.items.map(received) };
    },
    refetchInterval: filter.due ? minute : undefined,
  };
}

/** The caller's requests (own, claimed or the institution's, by role), one page. */
export function useLoanRequests(filter: RequestFilter, page: number) {
  return useQuery({ ...listQuery(filter, page, requestListPageSize), placeholderData: keepPreviousData });
}

/** How many of the caller's requests each filter finds (a one-item page each: only `total` is read). */
export function useRequestCounts(filters: readonly RequestFilter[]) {
  return useQueries({
    queries: filters.map((filter) => ({
      ...listQuery(filter, 1, 1),
      select: (page: Page<LoanRequest>) => page.total,
    })),
  });
}

/** Every request the filters find (the officer's orders, the institution's pipeline) as a file. */
export function downloadRequests(filter: RequestFilter, format: Format) {
  const params = filterParams(filter);
  params.set('format', format);
  return downloadFile(`/loan-requests/export?${params}`, `loan-requests.${format}`);
}

export function useLoanRequest(id: string) {
  return useQuery({ queryKey: requestKeys.detail(id), queryFn: () => fetchRequest(id) });
}

/** The timeline; only for those who see the request in full (a masked viewer gets 403). */
/** 转派: the officers of the institution the request may be handed to (the institution admin's picker). */
export function useHandoverOfficers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...requestKeys.detail(id), 'handover-officers'],
    queryFn: async () => (await api.get<HandoverOfficersView>(`${requestPath(id)}/handover-officers`)).items,
    enabled,
  });
}

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
