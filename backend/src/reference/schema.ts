import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { REGION_LEVELS } from './enums';

/** The city and its counties/districts (GB/T 2260 codes); another city is just other rows. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    check('regions_code_format', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('regions_level_parent', sql`(${t.level} = 'city') = (${t.parentCode} is null)`),
  ],
);
