import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { InstitutionProfileBody } from '@lcfin/backend/contract';
import { institutionQueryKey, type Institution } from '../api/institutions';

/** What an institution admin may change of their institution. */
export type InstitutionProfile = Omit<InstitutionProfileBody, 'countiesServed'>;

export function useUpdateInstitutionProfile(institutionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: InstitutionProfile) =>
      api.patch<Institution>(`/institutions/${encodeURIComponent(institutionId)}`, profile),
    onSuccess: (institution) => queryClient.setQueryData(institutionQueryKey(institutionId), institution),
  });
}
