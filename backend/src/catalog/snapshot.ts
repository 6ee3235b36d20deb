import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { institutions } from '../institutions/schema';
import type { ProductTerms } from './rules';
import { products } from './schema';
import { productView } from './present';
import type { ProductView } from './views';

export interface CatalogEntry {
  view: ProductView;
  /** The rules' input; with its ids, also the matcher's. */
  terms: ProductTerms & { id: string; institutionId: string };
  searchText: string;
}

/**
 * The listed products, held in memory: the public catalog and the matcher read them far more
 * often than they change, and they are few (hundreds of rows), so filtering them in process with
 * the pure rules beats a query per request. Writes through this process invalidate at once;
 * another process's writes show within `maxAgeMs`.
 */
export function createCatalogSnapshot(db: Database, maxAgeMs: number) {
  let generation = 0;
  let cache: { generation: number; loadedAt: number; entries: CatalogEntry[] } | null = null;
  let inflight: { generation: number; promise: Promise<CatalogEntry[]> } | null = null;

  async function load(): Promise<CatalogEntry[]> {
    const rows = await db
      .select({
        product: products,
        institution: { id: institutions.id, name: institutions.name, type: institutions.type },
      })
      .from(products)
      .innerJoin(institutions, eq(institutions.id, products.institutionId))
      // A suspended institution's products are out of the catalog until it is reinstated.
      .where(and(eq(products.status, 'listed'), eq(institutions.status, 'active')));
    return rows.map((r) => ({
      view: productView(r.product, r.institution),
      terms: r.product,
      searchText: r.product.searchText,
    }));
  }

  return {
    listed(): Promise<CatalogEntry[]> {
      if (cache && cache.generation === generation && Date.now() - cache.loadedAt < maxAgeMs) {
        return Promise.resolve(cache.entries);
      }
      if (inflight && inflight.generation === generation) return inflight.promise;
      const started = generation;
      const promise = load().then((entries) => {
        // A write while loading makes this load stale: keep it for its callers, not for the next.
        if (started === generation) cache = { generation: started, loadedAt: Date.now(), entries };
        return entries;
      });
      inflight = { generation: started, promise };
      // The callers get the load's failure through `promise`; this branch must not leave a second,
      // unhandled rejection behind (Node would end the process on it).
      promise
        .finally(() => {
          if (inflight?.promise === promise) inflight = null;
        })
        .catch(() => undefined);
      return promise;
    },
    invalidate(): void {
      generation++;
    },
  };
}
export type CatalogSnapshot = ReturnType<typeof createCatalogSnapshot>;
