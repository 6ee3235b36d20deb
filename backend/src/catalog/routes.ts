import type { Database } from '../db/client';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { regions } from '../reference/schema';
import { eligibilityInWords } from './eligibility-words';
import { PRODUCT_STATUSES } from './enums';
import {
  changeListing,
  createProduct,
  getProduct,
  institutionProducts,
  productHistoryOf,
  searchCatalog,
  updateProduct,
} from './service';
import type { ProgramCoverage } from './coverage';
import type { CatalogSnapshot } from './snapshot';
import { productView } from './present';
import { CatalogQuery, ProductFields, ProductPatch } from './validation';
import { ProductDetail, ProductHistory, ProductView } from './views';

const ById = z.object({ id: z.string().uuid() });

export function catalogRoutes({
  db,
  catalog,
  coverage,
}: {
  db: Database;
  catalog: CatalogSnapshot;
  coverage: ProgramCoverage;
}): RouteDef[] {
  /** Every write that can change what is listed refreshes this process's catalog at once. */
  const thenRefresh = <T>(write: Promise<T>) => write.finally(() => catalog.invalidate());

  return [
    defineRoute({
      method: 'get',
      path: '/products',
      tag: 'catalog',
      summary: 'The public catalog (线上任意选): listed products, every filter combinable',
      access: 'public',
      query: CatalogQuery,
      response: pageSchema(ProductView),
      handler: ({ query }) => searchCatalog(catalog, coverage, query),
    }),
    defineRoute({
      method: 'get',
      path: '/products/:id',
      tag: 'catalog',
      summary: 'One product with its institution and its eligibility rules in plain words',
      access: 'public',
      params: ById,
      response: ProductDetail,
      handler: async ({ actor, params, lang }) => {
        const { product, institution } = await getProduct(db, actor, params.id);
        const counties = await db.select().from(regions);
        const names = new Map(counties.map((r) => [r.code, lang === 'en' ? r.nameEn : r.name]));
        const listed = (await catalog.listed()).find((e) => e.terms.id === product.id);
        return {
          ...productView(product, institution),
          eligibility: eligibilityInWords(product, lang, names),
          ...(listed ? { programs: (await coverage([listed])).get(product.id) ?? [] } : {}),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/institutions/:id/products',
      tag: 'catalog',
      summary: "An institution's products in every state (its admin, or the platform admin)",
      access: ['institution_admin', 'admin'],
      params: ById,
      query: PageQuery.extend({ status: z.enum(PRODUCT_STATUSES).optional() }),
      response: pageSchema(ProductView),
      handler: ({ actor, params, query }) => institutionProducts(db, actor, params.id, query),
    }),
    defineRoute({
      method: 'post',
      path: '/products',
      tag: 'catalog',
      summary: "Create a draft product of the admin's institution",
      access: ['institution_admin'],
      body: ProductFields,
      status: 201,
      response: ProductView,
      handler: ({ actor, body }) => thenRefresh(createProduct(db, actor, body)),
    }),
    defineRoute({
      method: 'patch',
      path: '/products/:id',
      tag: 'catalog',
      summary: 'Edit a product; a listed product must stay complete',
      access: ['institution_admin'],
      params: ById,
      body: ProductPatch,
      response: ProductView,
      handler: ({ actor, params, body }) => thenRefresh(updateProduct(db, actor, params.id, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/products/:id/list',
      tag: 'catalog',
      summary: 'List (上架) a complete product: it becomes public',
      access: ['institution_admin'],
      params: ById,
      errors: ['INVALID_STATE'],
      response: ProductView,
      handler: ({ actor, params }) => thenRefresh(changeListing(db, actor, params.id, 'listed')),
    }),
    defineRoute({
      method: 'post',
      path: '/products/:id/delist',
      tag: 'catalog',
      summary: 'Delist (下架) a product: it leaves the public catalog',
      access: ['institution_admin'],
      params: ById,
      errors: ['INVALID_STATE'],
      response: ProductView,
      handler: ({ actor, params }) => thenRefresh(changeListing(db, actor, params.id, 'delisted')),
    }),
    defineRoute({
      method: 'get',
      path: '/products/:id/history',
      tag: 'catalog',
      summary: 'Who changed what on a product, and when',
      access: ['institution_admin', 'admin'],
      params: ById,
      response: ProductHistory,
      handler: ({ actor, params }) => productHistoryOf(db, actor, params.id),
    }),
  ];
}
