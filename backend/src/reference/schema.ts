import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** The city and its counties/districts (GB/T 2260 codes); another city is just other rows. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    level: text('level', { enum: ['city', 'county'] }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    check('regions_code_format', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('regions_level_parent', sql`(${t.level} = 'city') = (${t.parentCode} is null)`),
  ],
);

export const INSTITUTION_TYPES = [
  'policy_bank',
  'state_bank',
  'joint_stock_bank',
  'city_commercial_bank',
  'rural_commercial_bank',
  'village_bank',
  'guarantee',
  'insurer',
  'securities',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    type: text('type', { enum: INSTITUTION_TYPES }).notNull(),
    /** A county sub-branch points at its city-level branch; null for the top level in this city. */
    parentId: uuid('parent_id').references((): AnyPgColumn => institutions.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    contactPhone: text('contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('institutions_region_idx').on(t.regionCode)],
);
