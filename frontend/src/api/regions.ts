import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Region {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  level: 'city' | 'county';
}

/** The city and its counties (GB/T 2260 codes); reference data, so cached for the visit. */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: async () => (await api.get<{ items: Region[] }>('/regions')).items,
    staleTime: Infinity,
  });
}
