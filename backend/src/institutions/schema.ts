import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { regions } from '../reference/schema';

import { INSTITUTION_LEVELS, INSTITUTION_STATUSES, INSTITUTION_TYPES } from './enums';

export { INSTITUTION_LEVELS, INSTITUTION_TYPES };
export type { InstitutionLevel, InstitutionType } from './enums';

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    type: text('type', { enum: INSTITUTION_TYPES }).notNull(),
    level: text('level', { enum: INSTITUTION_LEVELS }).notNull().default('branch'),
    /** A county sub-branch points at its city-level branch. */
    parentId: uuid('parent_id').references((): AnyPgColumn => institutions.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** County codes the institution serves; its products and officers serve within these. */
    countiesServed: text('counties_served')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    status: text('status', { enum: INSTITUTION_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('institutions_region_idx').on(t.regionCode),
    check('institutions_sub_branch_parent', sql`${t.level} <> 'sub_branch' or ${t.parentId} is not null`),
  ],
);
