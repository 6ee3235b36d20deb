import { asc } from 'drizzle-orm';
import type { Database } from '../db/client';
import { defineRoute, type RouteDef } from '../http/route';
import { regions } from './schema';
import { Regions } from './views';

export function referenceRoutes({ db }: { db: Database }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/regions',
      tag: 'reference',
      summary: 'The city and its counties/districts (GB/T 2260)',
      access: 'public',
      response: Regions,
      handler: async () => ({
        items: await db
          .select({
            code: regions.code,
            name: regions.name,
            nameEn: regions.nameEn,
            parentCode: regions.parentCode,
            level: regions.level,
          })
          .from(regions)
          .orderBy(asc(regions.sortOrder)),
      }),
    }),
  ];
}
