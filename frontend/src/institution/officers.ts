import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { institutionQueryKey } from '../api/institutions';

/** A customer manager (客户经理) of the institution. */
export interface Officer {
  id: string;
  username: string;
  displayName: string;
  countiesServed: string[];
  status: 'active' | 'disabled';
}

export interface NewOfficer {
  username: string;
  password: string;
  displayName: string;
  countiesServed: string[];
}

export type OfficerChanges = Partial<Pick<Officer, 'displayName' | 'countiesServed' | 'status'>>;

const officersPath = (institutionId: string) => `/institutions/${encodeURIComponent(institutionId)}/officers`;
const officersKey = (institutionId: string) => [...institutionQueryKey(institutionId), 'officers'] as const;

export function useOfficers(institutionId: string) {
  return useQuery({
    queryKey: officersKey(institutionId),
    queryFn: async () => (await api.get<{ items: Officer[] }>(officersPath(institutionId))).items,
  });
}

export function useCreateOfficer(institutionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (officer: NewOfficer) => api.post<Officer>(officersPath(institutionId), officer),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officersKey(institutionId) }),
  });
}

/** Renames an officer, changes the counties served, or disables (ending their sessions) / enables them. */
export function useUpdateOfficer(institutionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: OfficerChanges }) =>
      api.patch<Officer>(`${officersPath(institutionId)}/${encodeURIComponent(id)}`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officersKey(institutionId) }),
  });
}
