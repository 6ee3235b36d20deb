import { useSearchParams } from 'react-router';

/**
 * A fiscal list's filters and page, kept in the address (?kind=&status=&page=) so a reload or a shared
 * link shows the same list. `pick` reads a filter that must be one of a fixed list (anything else
 * written there is ignored); changing a filter goes back to the first page.
 */
export function useAddressFilter() {
  const [params, setParams] = useSearchParams();
  const pick = <T extends string>(key: string, list: readonly T[]): T | undefined =>
    list.find((item) => item === params.get(key));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (next: number) => set('page', next > 1 ? String(next) : undefined);
  return { pick, page, set, setPage };
}
