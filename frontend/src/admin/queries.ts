import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountPatchBody,
  AccountView,
  InstitutionProfileBody,
  InstitutionStatus,
  InstitutionView,
  NewInstitutionBody,
  NewStaffAccountBody,
  PasswordResetDone,
  Role,
  SlaDraftPreview,
  SlaPolicy,
  SlaPolicyHistory,
  SlaPolicyInputType,
} from '@lcfin/backend/contract';
import { api, type Page } from '../api/client';

/** The platform admin's consoles: institutions, accounts and the SLA policy. */

export type Account = AccountView;
export type AdminInstitution = InstitutionView;

const institutionsKey = ['institutions'] as const;

export function useAdminInstitutions(filters: { q: string; status: InstitutionStatus | undefined }) {
  const params = new URLSearchParams({ pageSize: '100' });
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  return useQuery({
    queryKey: [...institutionsKey, 'admin', filters],
    queryFn: () => api.get<Page<AdminInstitution>>(`/institutions?${params}`),
    placeholderData: keepPreviousData,
  });
}

/** Every institution query (the admin's list, the profiles and searches elsewhere) reads afresh after a change. */
function useInstitutionChange<T>(mutationFn: (input: T) => Promise<AdminInstitution>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: institutionsKey }),
  });
}

export const useCreateInstitution = () =>
  useInstitutionChange((body: NewInstitutionBody) => api.post<AdminInstitution>('/institutions', body));

export const useUpdateInstitution = () =>
  useInstitutionChange(({ id, changes }: { id: string; changes: InstitutionProfileBody }) =>
    api.patch<AdminInstitution>(`/institutions/${encodeURIComponent(id)}`, changes),
  );

export const useSuspendInstitution = () =>
  useInstitutionChange(({ id, reason }: { id: string; reason: string }) =>
    api.post<AdminInstitution>(`/institutions/${encodeURIComponent(id)}/suspend`, { reason }),
  );

export const useReinstateInstitution = () =>
  useInstitutionChange((id: string) => api.post<AdminInstitution>(`/institutions/${encodeURIComponent(id)}/reinstate`));

const accountsKey = ['accounts'] as const;

export function useAccounts(filters: { q: string; role: Role | undefined; page: number }) {
  const params = new URLSearchParams({ pageSize: '20', page: String(filters.page) });
  if (filters.q) params.set('q', filters.q);
  if (filters.role) params.set('role', filters.role);
  return useQuery({
    queryKey: [...accountsKey, filters],
    queryFn: () => api.get<Page<Account>>(`/accounts?${params}`),
    placeholderData: keepPreviousData,
  });
}

function useAccountChange<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

export const useCreateAccount = () =>
  useAccountChange((body: NewStaffAccountBody) => api.post<Account>('/accounts', body));

export const useSetAccountStatus = () =>
  useAccountChange(({ id, enable }: { id: string; enable: boolean }) =>
    api.post<Account>(`/accounts/${encodeURIComponent(id)}/${enable ? 'enable' : 'disable'}`),
  );

export const useUpdateAccount = () =>
  useAccountChange(({ id, changes }: { id: string; changes: AccountPatchBody }) =>
    api.patch<Account>(`/accounts/${encodeURIComponent(id)}`, changes),
  );

export const useResetPassword = () =>
  useAccountChange(({ id, password }: { id: string; password?: string }) =>
    api.post<PasswordResetDone>(`/accounts/${encodeURIComponent(id)}/reset-password`, password ? { password } : {}),
  );

const policyKey = ['sla', 'policy'] as const;

export function useSlaPolicy() {
  return useQuery({ queryKey: policyKey, queryFn: () => api.get<SlaPolicy>('/sla/policy') });
}

export function useSlaPolicyHistory() {
  return useQuery({
    queryKey: [...policyKey, 'versions'],
    queryFn: async () => (await api.get<SlaPolicyHistory>('/sla/policy/versions')).items,
  });
}

/** The deadlines a draft would give, starting now; nothing is published. */
export function usePreviewPolicy() {
  return useMutation({
    mutationFn: (policy: SlaPolicyInputType) => api.post<SlaDraftPreview>('/sla/preview', { policy }),
  });
}

export function usePublishPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SlaPolicyInputType) => api.put<SlaPolicy>('/sla/policy', policy),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sla'] }),
  });
}
