import { useQuery } from '@tanstack/react-query';
import type { Regions, RegionView } from '@lcfin/backend/contract';
import { api } from './client';

export type Region = RegionView;

/** The city and its counties (GB/T 2260 codes); reference data, so cached for the visit. */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: async () => (await api.get<Regions>('/regions')).items,
    staleTime: Infinity,
  });
}
