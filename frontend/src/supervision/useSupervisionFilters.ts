import { useSearchParams } from 'react-router';
import { useSignedInUser } from '../auth/signedInUser';
import type { Interval, SupervisionFilter } from './queries';

const day = /^\d{4}-\d{2}-\d{2}$/;
const regionCode = /^\d{6}$/;

/**
 * The dashboard's filters, kept in the address (?region=&from=&to=&interval=) so a view can be
 * shared or bookmarked. A county bureau's region is fixed to its county, whatever the address says.
 */
export function useSupervisionFilters() {
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const fixedRegion = user.role === 'bureau' ? user.county : null;
  const valid = (key: string, pattern: RegExp) => {
    const value = params.get(key);
    return value && pattern.test(value) ? value : undefined;
  };
  const filter: SupervisionFilter = {
    region: fixedRegion ?? valid('region', regionCode),
    from: valid('from', day),
    to: valid('to', day),
  };
  const interval: Interval = params.get('interval') === 'week' ? 'week' : 'month';

  const update = (changes: Partial<SupervisionFilter> & { interval?: Interval }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    if (fixedRegion) next.delete('region');
    next.delete('page');
    setParams(next, { replace: true });
  };
  return { filter, interval, regionFixed: fixedRegion !== null, update };
}
