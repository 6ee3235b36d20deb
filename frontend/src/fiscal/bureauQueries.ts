import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClaimDecisionBody,
  ClaimStatus,
  ClaimViewType,
  FiscalViewType,
  Format,
  LedgerEntryViewType,
  PaymentBody,
  ProgramBody,
  ProgramChangeBody,
  ProgramKind,
  ProgramStatus,
  ProgramViewType,
} from '@lcfin/backend/contract';
import { api, type Page } from '../api/client';
import { downloadFile } from '../api/download';
import type { SupervisionFilter } from '../supervision/queries';

/** The bureau's fiscal instruments (财金协同): programs, the claims it reviews, checks and pays, the fiscal view. */

export type Program = ProgramViewType;
export type Claim = ClaimViewType;
export type LedgerEntry = LedgerEntryViewType;
export type Fiscal = FiscalViewType;
export type FiscalRow = Fiscal['items'][number];
export type ClaimDecision = ClaimDecisionBody;
export type Payment = PaymentBody;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** Every fiscal query: one change (an approval, a payment) moves programs, claims, ledger and figures alike. */
const fiscalKey = ['fiscal'] as const;
export const fiscalPageSize = 20;

export function usePrograms(filters: {
  kind?: ProgramKind | undefined;
  status?: ProgramStatus | undefined;
  page: number;
}) {
  const qs = query({ ...filters, pageSize: fiscalPageSize });
  return useQuery({
    queryKey: [...fiscalKey, 'programs', qs],
    queryFn: () => api.get<Page<Program>>(`/programs?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useProgram(id: string) {
  return useQuery({
    queryKey: [...fiscalKey, 'program', id],
    queryFn: () => api.get<Program>(`/programs/${encodeURIComponent(id)}`),
  });
}

export function useProgramLedger(id: string, page: number) {
  const qs = query({ page, pageSize: fiscalPageSize });
  return useQuery({
    queryKey: [...fiscalKey, 'ledger', id, qs],
    queryFn: () => api.get<Page<LedgerEntry>>(`/programs/${encodeURIComponent(id)}/ledger?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useClaims(filters: { status?: ClaimStatus | undefined; programId?: string; page: number }) {
  const qs = query({ ...filters, pageSize: fiscalPageSize });
  return useQuery({
    queryKey: [...fiscalKey, 'claims', qs],
    queryFn: () => api.get<Page<Claim>>(`/program-claims?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useFiscalView(filter: SupervisionFilter) {
  const qs = query({ ...filter });
  return useQuery({
    queryKey: [...fiscalKey, 'view', qs],
    queryFn: () => api.get<Fiscal>(`/supervision/fiscal?${qs}`),
    placeholderData: keepPreviousData,
  });
}

function useFiscalChange<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: fiscalKey }),
  });
}

const programPath = (id: string, action = '') => `/programs/${encodeURIComponent(id)}${action}`;
const claimPath = (id: string, action: string) => `/program-claims/${encodeURIComponent(id)}/${action}`;

export const useCreateProgram = () => useFiscalChange((body: ProgramBody) => api.post<Program>('/programs', body));

export const useChangeProgram = () =>
  useFiscalChange(({ id, changes }: { id: string; changes: ProgramChangeBody }) =>
    api.patch<Program>(programPath(id), changes),
  );

/** Draft → active (loans already disbursed in the period are enrolled), or active → closed (no new claims). */
export const useProgramStep = () =>
  useFiscalChange(({ id, step }: { id: string; step: 'activate' | 'close' }) =>
    api.post<Program>(programPath(id, `/${step}`)),
  );

/** 初审 (review) or 复核 (check). */
export const useDecideClaim = () =>
  useFiscalChange(({ id, step, decision }: { id: string; step: 'review' | 'check'; decision: ClaimDecision }) =>
    api.post<Claim>(claimPath(id, step), decision),
  );

export const usePayClaim = () =>
  useFiscalChange(({ id, payment }: { id: string; payment: Payment }) =>
    api.post<Claim>(claimPath(id, 'pay'), payment),
  );

/** The payment list a treasury pays from: the claims approved or paid in the view's region and period. */
export function downloadFiscalExport(format: Format, filter: SupervisionFilter) {
  return downloadFile(`/supervision/fiscal/export?${query({ ...filter, format })}`, `fiscal-payments.${format}`);
}
