import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { institutionQueryKey } from '../api/institutions';
import type { NewOfficerBody, OfficerPatchBody, Officers, OfficerView } from '@lcfin/backend/contract';

/** A customer manager (客户经理) of the institution. */
export type Officer = OfficerView;
export type NewOfficer = NewOfficerBody;
export type OfficerChanges = OfficerPatchBody;

const officersPath = (institutionId: string) => `/institutions/${encodeURIComponent(institutionId)}/officers`;
const officersKey = (institutionId: string) => [...institutionQueryKey(institutionId), 'officers'] as const;

export function useOfficers(institutionId: string) {
  return useQuery({
    queryKey: officersKey(institutionId),
    queryFn: async () => (await api.get<Officers>(officersPath(institutionId))).items,
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
