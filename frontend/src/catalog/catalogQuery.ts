import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CATALOG_SORTS, PROGRAM_KINDS, type CatalogQueryParams, type CatalogSort } from '@lcfin/backend/contract';
import { customerTypes, productKinds } from './vocabulary';

export const catalogSorts = CATALOG_SORTS;
export type { CatalogSort };

/** "Products that fit me": the catalog's filters, the API's query parameters (the amount in integer yuan). */
export type CatalogFilters = Omit<CatalogQueryParams, 'sort' | 'page' | 'pageSize'>;

export interface CatalogQuery extends CatalogFilters {
  sort: CatalogSort;
  page: number;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function text(value: string | null): string | undefined {
  return value?.trim() || undefined;
}

function positiveInteger(value: string | null): number | undefined {
  const number = Number(value);
  return value && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The catalog query a URL holds; anything malformed is left out. */
export function readCatalogQuery(params: URLSearchParams): CatalogQuery {
  return {
    q: text(params.get('q')),
    kind: oneOf(productKinds, params.get('kind')),
    institutionId: text(params.get('institutionId')),
    county: text(params.get('county')),
    customerType: oneOf(customerTypes, params.get('customerType')),
    industry: text(params.get('industry')),
    amount: positiveInteger(params.get('amount')),
    termMonths: positiveInteger(params.get('termMonths')),
    programKind: oneOf(PROGRAM_KINDS, params.get('programKind')),
    sort: oneOf(catalogSorts, params.get('sort')) ?? 'popular',
    page: positiveInteger(params.get('page')) ?? 1,
  };
}

/** The query as URL parameters (shared by the page's address and the API call); defaults are left out. */
export function catalogSearchParams(query: CatalogQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || (key === 'sort' && value === 'popular') || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

/** How many filters besides the search text are set. */
export function countFilters(query: CatalogQuery): number {
  const { q: _q, sort: _sort, page: _page, ...filters } = query;
  return Object.values(filters).filter((value) => value !== undefined).length;
}

/**
 * The query in the address as it is now, not as of the last render: two filters committed in the same
 * moment (a typed amount and a typed term) must both stay.
 */
function addressQuery(): CatalogQuery {
  return readCatalogQuery(new URLSearchParams(window.location.search));
}

/**
 * The catalog query kept in the address bar, so a search can be shared and the back button undoes a change.
 * Changing a filter returns to the first page.
 */
export function useCatalogQuery() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readCatalogQuery(params), [params]);
  // Only a real change becomes a history entry.
  const go = useCallback(
    (next: CatalogQuery) => {
      const params = catalogSearchParams(next);
      if (params.toString() !== catalogSearchParams(addressQuery()).toString()) setParams(params);
    },
    [setParams],
  );
  const change = useCallback((changes: Partial<CatalogQuery>) => go({ ...addressQuery(), page: 1, ...changes }), [go]);
  const clearFilters = useCallback(() => go({ sort: addressQuery().sort, page: 1 }), [go]);
  return { query, change, clearFilters };
}
