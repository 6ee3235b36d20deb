import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarList, CalendarSaved, CalendarYearBody, CalendarYearView } from '@lcfin/backend/contract';
import { api } from '../api/client';

export type { CalendarSaved, CalendarYearSummary, CalendarYearView } from '@lcfin/backend/contract';

const calendarsKey = ['sla', 'calendars'] as const;
const calendarPath = (year: number) => `/sla/calendars/${year}`;
const hour = 3600_000;

/**
 * The years' calendars and the first provisional day deadlines will soon reach (platform admin). It
 * changes with the platform's date, slowly: hourly is often enough for the banner.
 */
export function useCalendars() {
  return useQuery({
    queryKey: calendarsKey,
    queryFn: () => api.get<CalendarList>('/sla/calendars'),
    refetchInterval: hour,
  });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...calendarsKey, year],
    queryFn: () => api.get<CalendarYearView>(calendarPath(year)),
  });
}

/** Enters a year's official schedule; the server re-plans the deadlines it moves. */
export function useSaveCalendarYear(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CalendarYearBody) => api.put<CalendarSaved>(calendarPath(year), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarsKey }),
  });
}
