import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';

import { CUSTOMER_TYPES, PRODUCT_KINDS, PRODUCT_STATUSES } from './enums';
import type { ProductChange } from './views';

export { CUSTOMER_TYPES, PRODUCT_KINDS, PRODUCT_STATUSES };
export type { CustomerType, ProductKind, ProductStatus } from './enums';

/**
 * A financial product (金融产品). Money is integer yuan and rates are integer basis points
 * (3.45 % = 345), never floats. A draft may be incomplete; listing checks it is complete.
 */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
    minAmount: bigint('min_amount', { mode: 'number' }),
    maxAmount: bigint('max_amount', { mode: 'number' }),
    minTermMonths: integer('min_term_months'),
    maxTermMonths: integer('max_term_months'),
    minRateBp: integer('min_rate_bp'),
    maxRateBp: integer('max_rate_bp'),
    customerTypes: text('customer_types', { enum: CUSTOMER_TYPES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** true: every county of the city; otherwise `counties` lists them. */
    allCounties: boolean('all_counties').notNull().default(false),
    counties: text('counties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** true: any industry; otherwise `industries` lists GB/T 4754 sections. */
    allIndustries: boolean('all_industries').notNull().default(true),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    requiredMaterials: text('required_materials')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('draft'),
    /** Loan requests placed with this product: the catalog's "popular" order. */
    requestCount: integer('request_count').notNull().default(0),
    /** Name, institution name and description, lower-cased: substring search works for Chinese. */
    searchText: text('search_text').notNull().default(''),
    listedAt: timestamp('listed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('products_status_idx').on(t.status, t.institutionId),
    check(
      'products_amount_range',
      sql`${t.minAmount} is null or ${t.maxAmount} is null or ${t.minAmount} <= ${t.maxAmount}`,
    ),
    check('products_amount_positive', sql`${t.minAmount} is null or ${t.minAmount} > 0`),
    check(
      'products_term_range',
      sql`${t.minTermMonths} is null or ${t.maxTermMonths} is null or ${t.minTermMonths} <= ${t.maxTermMonths}`,
    ),
    check(
      'products_rate_range',
      sql`${t.minRateBp} is null or ${t.maxRateBp} is null or ${t.minRateBp} <= ${t.maxRateBp}`,
    ),
  ],
);

/** Who changed what on a product, and when (append-only). */
export const productHistory = pgTable(
  'product_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action', { enum: ['created', 'updated', 'listed', 'delisted'] }).notNull(),
    changes: jsonb('changes').notNull().$type<ProductChange['changes']>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_history_product_idx').on(t.productId, t.at)],
);
