import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Institution {
  id: string;
  name: string;
}

export function useInstitution(id: string | null) {
  return useQuery({
    queryKey: ['institutions', id],
    queryFn: () => api.get<Institution>(`/institutions/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
}
