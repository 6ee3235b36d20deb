import { useSearchParams } from 'react-router';
import { DUE_FILTERS } from '@lcfin/backend/contract';
import type { RequestStatus } from './loanRequest';
import type { RequestFilter } from './queries';

/** The two lists of requests whose deadline nears (即将到期) or has passed (已超时). */
export const dueFilters = DUE_FILTERS;

/** A request list's filter (a status, or due soon / overdue) and page, kept in the address (?status=&due=&page=). */
export function useListParams(statuses: readonly RequestStatus[]) {
  const [params, setParams] = useSearchParams();
  const filter: RequestFilter = {};
  const status = statuses.find((candidate) => candidate === params.get('status'));
  const due = dueFilters.find((candidate) => candidate === params.get('due'));
  if (status) filter.status = status;
  if (due) filter.due = due;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setQuery = (next: RequestFilter & { page?: number }) => {
    const query = new URLSearchParams();
    if (next.status) query.set('status', next.status);
    if (next.due) query.set('due', next.due);
    if (next.page && next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };
  return { filter, page, setQuery };
}
