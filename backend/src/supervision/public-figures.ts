import { count, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { products } from '../catalog/schema';
import type { Database } from '../db/client';
import { defineRoute, type RouteDef } from '../http/route';
import { institutions } from '../institutions/schema';
import { disbursals, registrationsDaily, requestsDaily } from './schema';
import { num } from './scope';
import { PublicFigures } from './views';

/**
 * How long a computed answer serves every visitor: the landing page is the most visited page, and
 * figures a minute old tell a visitor as much as fresh ones.
 */
export const PUBLIC_FIGURES_TTL_MS = 60_000;

/** The platform's whole-life totals, city-wide: aggregate counts and sums only, nobody's record. */
async function computeFigures(db: Database, now: Date): Promise<PublicFigures> {
  const [[institutionCount], [productCount], [requestSums], [registrationSums], [disbursalSums]] = await Promise.all([
    db.select({ n: count() }).from(institutions),
    db.select({ n: count() }).from(products).where(eq(products.status, 'listed')),
    db.select({ n: num(sql`coalesce(sum(${requestsDaily.submitted}), 0)`) }).from(requestsDaily),
    db
      .select({ n: num(sql`coalesce(sum(${registrationsDaily.accounts}), 0)`) })
      .from(registrationsDaily)
      .where(eq(registrationsDaily.role, 'enterprise')),
    db.select({ loans: count(), amount: num(sql`coalesce(sum(${disbursals.amount}), 0)`) }).from(disbursals),
  ]);
  return {
    institutions: institutionCount!.n,
    listedProducts: productCount!.n,
    enterprises: registrationSums!.n,
    requests: requestSums!.n,
    disbursedLoans: disbursalSums!.loans,
    disbursedAmount: disbursalSums!.amount,
    asOf: now.toISOString(),
  };
}

/** `GET /platform/figures`: what the landing page publishes, computed at most once a minute per process. */
export function publicFiguresRoutes({ db, now }: { db: Database; now: () => Date }): RouteDef[] {
  // One entry; concurrent misses share one computation (lru-cache's fetch).
  const cache = new LRUCache<'figures', PublicFigures>({
    max: 1,
    ttl: PUBLIC_FIGURES_TTL_MS,
    fetchMethod: () => computeFigures(db, now()),
  });
  return [
    defineRoute({
      method: 'get',
      path: '/platform/figures',
      tag: 'supervision',
      summary: "The platform's published figures (whole life, city-wide, aggregate only); cached for a minute",
      access: 'public',
      response: PublicFigures,
      handler: async ({ res }) => {
        res.setHeader('Cache-Control', `public, max-age=${PUBLIC_FIGURES_TTL_MS / 1000}`);
        return (await cache.fetch('figures'))!;
      },
    }),
  ];
}
