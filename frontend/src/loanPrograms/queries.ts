import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import { requestPath } from '../requests/queries';
import type { Claim, ClaimBody, LoanProgram, Program, ServicingBody, ServicingReport } from './program';

/** The web app's keys for a loan's fiscal side; one invalidation of `loan(id)` refreshes all of it. */
const keys = {
  active: ['programs', 'active'] as const,
  loan: (requestId: string) => ['loan-programs', requestId] as const,
};

// The public list holds active programs only; a city has a handful, one page takes them all.
const activeProgramsPath = '/programs?status=active&pageSize=100';

/** The programs running now (public), for what a product or a planned loan would qualify for. */
export function useActivePrograms() {
  return useQuery({
    queryKey: keys.active,
    queryFn: async () => (await api.get<Page<Program>>(activeProgramsPath)).items,
    staleTime: 5 * 60_000,
  });
}

/** The programs a disbursed loan is enrolled in. */
export function useLoanPrograms(requestId: string) {
  return useQuery({
    queryKey: [...keys.loan(requestId), 'programs'],
    queryFn: async () => (await api.get<{ items: LoanProgram[] }>(`${requestPath(requestId)}/programs`)).items,
  });
}

/** The loan's servicing reports, oldest period first as the API lists them. */
export function useServicingReports(requestId: string) {
  return useQuery({
    queryKey: [...keys.loan(requestId), 'servicing'],
    queryFn: async () => (await api.get<{ items: ServicingReport[] }>(`${requestPath(requestId)}/servicing`)).items,
  });
}

/** The claims on the loan, of every program and state (a loan has a few a year). */
export function useLoanClaims(requestId: string) {
  return useQuery({
    queryKey: [...keys.loan(requestId), 'claims'],
    queryFn: async () => {
      const params = new URLSearchParams({ loanRequestId: requestId, pageSize: '100' });
      return (await api.get<Page<Claim>>(`/program-claims?${params}`)).items;
    },
  });
}

/** A write on the loan's fiscal side; afterwards its reports and claims read afresh. */
function useLoanFiscalChange<T, R>(requestId: string, mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.loan(requestId) }),
  });
}

export const useReportServicing = (requestId: string) =>
  useLoanFiscalChange(requestId, (body: ServicingBody) =>
    api.post<ServicingReport>(`${requestPath(requestId)}/servicing`, body),
  );

export const useSubmitClaim = (requestId: string) =>
  useLoanFiscalChange(requestId, (body: ClaimBody) => api.post<Claim>('/program-claims', body));

export const useRecordRecovery = (requestId: string) =>
  useLoanFiscalChange(
    requestId,
    ({ claimId, recoveredFen, recoveredOn }: { claimId: string; recoveredFen: number; recoveredOn: string }) =>
      api.post<Claim>(`/program-claims/${encodeURIComponent(claimId)}/recoveries`, { recoveredFen, recoveredOn }),
  );
