import { useSearchParams } from 'react-router';
import { DUE_FILTERS } from '@lcfin/backend/contract';
import type { RequestStatus } from './loanRequest';
import type { RequestFilter } from './queries';

/** The two lists of requests whose deadline nears (即将到期) or has passed (已超时). */
export const dueFilters = DUE_FILTERS;

const day = /^\d{4}-\d{2}-\d{2}$/;
const county = /^\d{6}$/;

/**
 * A request list's filter (a status, or due soon / overdue; words, a county, a period) and page, kept
 * in the address (?status=&due=&q=&county=&from=&to=&page=), so a reload or a shared link shows the same.
 */
export function useListParams(statuses: readonly RequestStatus[]) {
  const [params, setParams] = useSearchParams();
  const filter: RequestFilter = {};
  const status = statuses.find((candidate) => candidate === params.get('status'));
  const due = dueFilters.find((candidate) => candidate === params.get('due'));
  const q = params.get('q')?.trim();
  const countyCode = params.get('county');
  const from = params.get('from');
  const to = params.get('to');
  if (status) filter.status = status;
  if (due) filter.due = due;
  if (q) filter.q = q;
  if (countyCode && county.test(countyCode)) filter.county = countyCode;
  if (from && to && day.test(from) && day.test(to)) Object.assign(filter, { from, to });
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setQuery = (next: RequestFilter & { page?: number }) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value && !(key === 'page' && value === 1)) query.set(key, String(value));
    }
    setParams(query);
  };
  return { filter, page, setQuery };
}
