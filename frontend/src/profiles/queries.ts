import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportReportType, ProfileInputBody, ProfileViewType } from '@lcfin/backend/contract';
import { api, ApiError } from '../api/client';

export type { ImportReportType, ProfileInputBody, ProfileViewType } from '@lcfin/backend/contract';

const profileKey = ['me', 'profile'] as const;

export function useProfile() {
  return useQuery({ queryKey: profileKey, queryFn: () => api.get<ProfileViewType>('/me/profile') });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: ProfileInputBody) => api.put<ProfileViewType>('/me/profile', profile),
    onSuccess: (profile) => queryClient.setQueryData(profileKey, profile),
  });
}

/**
 * Uploads an extract. A file with refused rows is answered 422 with the same report (nothing was
 * imported): the page shows it like a success's, so it resolves with the report either way.
 */
export function useImportPublicData() {
  return useMutation({
    mutationFn: async ({ file, source }: { file: File; source: string }) => {
      const form = new FormData();
      form.append('source', source);
      form.append('file', file);
      try {
        return await api.upload<ImportReportType>('/public-data/imports', form);
      } catch (error) {
        if (error instanceof ApiError && error.status === 422 && error.body) return error.body as ImportReportType;
        throw error;
      }
    },
  });
}
