import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { InstitutionView } from '@lcfin/backend/contract';
import { api, type Page } from './client';

export type { InstitutionType } from '@lcfin/backend/contract';

/** A financial institution as the API shows it. */
export type Institution = InstitutionView;

export const institutionQueryKey = (id: string) => ['institutions', id] as const;

const institutionQuery = (id: string) =>
  queryOptions({
    queryKey: institutionQueryKey(id),
    queryFn: () => api.get<Institution>(`/institutions/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
  });

export function useInstitution(id: string | null) {
  return useQuery({ ...institutionQuery(id ?? ''), enabled: id !== null });
}

/** Several institutions by id (those chosen in a multiple select), each cached as `useInstitution` caches it. */
export function useInstitutions(ids: readonly string[]) {
  return useQueries({ queries: ids.map(institutionQuery) });
}

/** Institutions whose name contains `search`, first page only: enough to pick one by typing. */
export function useInstitutionSearch(search: string) {
  const params = new URLSearchParams({ pageSize: '20' });
  if (search) params.set('q', search);
  return useQuery({
    queryKey: ['institutions', 'search', search],
    queryFn: () => api.get<Page<Institution>>(`/institutions?${params}`),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
