import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcknowledgementBody,
  AssigneesView,
  AssignmentBody,
  BreachStatus,
  BreachView,
  FiscalViewType,
  Format,
  GroupBy,
  Interval,
  OverviewView,
  PeriodParams,
  Report,
  SlaView,
  UrgeNoteBody,
  UrgeState,
  UrgeView,
} from '@lcfin/backend/contract';
import { api, type Page } from '../api/client';
import { downloadFile } from '../api/download';
import type { SentLoanRequest } from '../requests/loanRequest';
import { notificationsChanged } from '../notifications/queries';

export type { BreachStatus, BreachView, GroupBy, Interval, Report, UrgeState, UrgeView } from '@lcfin/backend/contract';
export type Overview = OverviewView;
export type SlaCompliance = SlaView;
export type ExportFormat = Format;
export type FiscalFigures = FiscalViewType;

/** What every supervision figure is filtered by; absent = the actor's whole scope, the platform's whole life. */
export type SupervisionFilter = PeriodParams;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

const supervisionKey = ['supervision'] as const;
const minute = 60_000;

export function useOverview(filter: SupervisionFilter, interval?: Interval) {
  const qs = query({ ...filter, interval });
  return useQuery({
    queryKey: [...supervisionKey, 'overview', qs],
    queryFn: () => api.get<Overview>(`/supervision/overview?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * minute,
  });
}

export function useSlaCompliance(filter: SupervisionFilter, groupBy: GroupBy, interval?: Interval) {
  const qs = query({ ...filter, groupBy, interval, top: 5 });
  return useQuery({
    queryKey: [...supervisionKey, 'sla', qs],
    queryFn: () => api.get<SlaCompliance>(`/supervision/sla?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * minute,
  });
}

/** 财金协同: per program in scope, the period's loans covered and money paid, and the budgets' standing. */
export function useFiscalFigures(filter: SupervisionFilter) {
  const qs = query({ ...filter });
  return useQuery({
    queryKey: [...supervisionKey, 'fiscal', qs],
    queryFn: () => api.get<FiscalFigures>(`/supervision/fiscal?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * minute,
  });
}

export const breachPageSize = 20;

export function useBreaches(filter: SupervisionFilter & { status?: BreachStatus | undefined }, page: number) {
  const qs = query({ ...filter, page, pageSize: breachPageSize });
  return useQuery({
    queryKey: [...supervisionKey, 'breaches', qs],
    queryFn: () => api.get<Page<BreachView>>(`/supervision/breaches?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: minute,
  });
}

/** Urges: a bureau's in its scope, institution staff's addressed to their institution. */
export function useUrges(state: UrgeState | undefined, page: number) {
  const qs = query({ state, page, pageSize: breachPageSize });
  return useQuery({
    queryKey: [...supervisionKey, 'urges', qs],
    queryFn: () => api.get<Page<UrgeView>>(`/supervision/urges?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: minute,
  });
}

/** After any action the lists, figures and the bell may all have moved. */
function useSupervisionMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: supervisionKey }), notificationsChanged(queryClient)]),
  });
}

export function useUrgeBreach() {
  return useSupervisionMutation(({ breachId, note }: { breachId: string; note: string }) =>
    api.post<UrgeView>(`/supervision/breaches/${encodeURIComponent(breachId)}/urge`, { note } satisfies UrgeNoteBody),
  );
}

/** 派单: every institution the request may go to (the server applies the rule, the picker searches them all). */
export function useAssignees(requestId: string) {
  return useQuery({
    queryKey: [...supervisionKey, 'assignees', requestId],
    queryFn: () => api.get<AssigneesView>(`/loan-requests/${encodeURIComponent(requestId)}/assignees`),
  });
}

export function useAssignRequest() {
  return useSupervisionMutation(({ requestId, institutionId }: { requestId: string; institutionId: string }) =>
    api.post<SentLoanRequest>(`/loan-requests/${encodeURIComponent(requestId)}/assign`, {
      institutionId,
    } satisfies AssignmentBody),
  );
}

export function useAcknowledgeUrge() {
  return useSupervisionMutation(({ urgeId, note }: { urgeId: string; note?: string | undefined }) =>
    api.post<UrgeView>(
      `/supervision/urges/${encodeURIComponent(urgeId)}/acknowledge`,
      (note ? { note } : {}) satisfies AcknowledgementBody,
    ),
  );
}

/** Downloads a report with the page's filters; its times read as the reader's wall-clock time. */
export function downloadExport(report: Report, format: ExportFormat, filter: SupervisionFilter) {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return downloadFile(
    `/supervision/export?${query({ ...filter, report, format, timeZone })}`,
    `supervision-${report}.${format}`,
  );
}
