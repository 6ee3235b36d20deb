import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { AppError } from '../http/errors';
import { offsetOf, PageQuery, pageOf, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { INSTITUTION_TYPES, institutions, regions } from './schema';

const RegionView = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    parentCode: z.string().nullable(),
    level: z.enum(['city', 'county']),
  })
  .openapi('Region');

const InstitutionView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    type: z.enum(INSTITUTION_TYPES),
    parentId: z.string().uuid().nullable(),
    regionCode: z.string(),
    contactPhone: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Institution');

function institutionView(row: typeof institutions.$inferSelect) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

const NewInstitution = z.object({
  name: z.string().trim().min(2).max(100),
  type: z.enum(INSTITUTION_TYPES),
  parentId: z.string().uuid().optional(),
  regionCode: z.string().regex(/^\d{6}$/, 'county.unknown'),
  contactPhone: z.string().trim().max(30).optional(),
});

export function referenceRoutes({ db }: { db: Database }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/regions',
      tag: 'reference',
      summary: 'The city and its counties/districts (GB/T 2260)',
      access: 'public',
      response: z.object({ items: z.array(RegionView) }),
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
    defineRoute({
      method: 'get',
      path: '/institutions',
      tag: 'reference',
      summary: 'Financial institutions on the platform',
      access: 'public',
      query: PageQuery.extend({
        type: z.enum(INSTITUTION_TYPES).optional(),
        region: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      }),
      response: pageSchema(InstitutionView),
      handler: async ({ query }) => {
        const filters: SQL[] = [];
        if (query.type) filters.push(eq(institutions.type, query.type));
        if (query.region) filters.push(eq(institutions.regionCode, query.region));
        const where = filters.length ? and(...filters) : undefined;
        const [rows, [total]] = await Promise.all([
          db
            .select()
            .from(institutions)
            .where(where)
            .orderBy(asc(institutions.name))
            .limit(query.pageSize)
            .offset(offsetOf(query)),
          db.select({ n: count() }).from(institutions).where(where),
        ]);
        return pageOf(rows.map(institutionView), total!.n, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/institutions/:id',
      tag: 'reference',
      summary: 'One institution',
      access: 'public',
      params: z.object({ id: z.string().uuid() }),
      response: InstitutionView,
      handler: async ({ params }) => {
        const [row] = await db.select().from(institutions).where(eq(institutions.id, params.id));
        if (!row) throw new AppError('NOT_FOUND');
        return institutionView(row);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/institutions',
      tag: 'reference',
      summary: 'Onboard an institution (platform admin)',
      access: ['admin'],
      body: NewInstitution,
      status: 201,
      response: InstitutionView,
      handler: async ({ body }) => {
        const [region] = await db.select().from(regions).where(eq(regions.code, body.regionCode));
        if (!region) throw new AppError('VALIDATION_FAILED', [{ path: 'regionCode', message: 'county.unknown' }]);
        if (body.parentId) {
          const [parent] = await db.select().from(institutions).where(eq(institutions.id, body.parentId));
          if (!parent) throw new AppError('VALIDATION_FAILED', [{ path: 'parentId', message: 'institution.unknown' }]);
        }
        try {
          const [row] = await db.insert(institutions).values(body).returning();
          return institutionView(row!);
        } catch (err) {
          if (uniqueViolation(err) === null) throw err;
          throw new AppError('ALREADY_EXISTS', [{ path: 'name', message: 'taken.name' }]);
        }
      },
    }),
  ];
}
