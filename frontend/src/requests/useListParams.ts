import { useSearchParams } from 'react-router';
import type { RequestStatus } from './loanRequest';

/** A request list's status filter and page, kept in the address (?status=&page=). */
export function useListParams(statuses: readonly RequestStatus[]) {
  const [params, setParams] = useSearchParams();
  const status = statuses.find((candidate) => candidate === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setQuery = (next: { status?: RequestStatus; page?: number }) => {
    const query = new URLSearchParams();
    if (next.status) query.set('status', next.status);
    if (next.page && next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };
  return { status, page, setQuery };
}
