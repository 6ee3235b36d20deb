import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { TAX_CREDIT_RATINGS, UTILITY_PAYMENT_RECORDS } from './enums';

/** A self-declared value and the Shanghai day it was last changed. */
export interface DeclaredValue {
  value: unknown;
  asOf: string;
}

/**
 * What an applicant declares about itself (自报), field by field, each with the day it was last
 * changed: one row per applicant, the fields as JSON because enterprises and individuals declare
 * different ones and only the applicant's own page and the consented views read them whole.
 */
export const applicantProfiles = pgTable('applicant_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  declared: jsonb('declared').$type<Record<string, DeclaredValue>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One extract of public data the bureau imported: where it came from and as of which day. */
export const publicDataImports = pgTable('public_data_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The provider as the bureau names it (聊城市大数据局), or a live connector's name. */
  sourceName: text('source_name').notNull(),
  importedBy: uuid('imported_by')
    .notNull()
    .references(() => users.id),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  fileName: text('file_name'),
  rowCount: integer('row_count').notNull(),
});

/**
 * One enterprise's public data from one import. A profile shows the newest record of its USCC;
 * older ones stay as the history of what was known when. A column left empty in the extract is null.
 */
export const publicDataRecords = pgTable(
  'public_data_records',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => publicDataImports.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The day the provider's data describes (the extract's 数据日期). */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    taxCreditRating: text('tax_credit_rating', { enum: TAX_CREDIT_RATINGS }),
    socialInsuranceHeadcount: integer('social_insurance_headcount'),
    utilityPaymentRecord: text('utility_payment_record', { enum: UTILITY_PAYMENT_RECORDS }),
    administrativePenalties: integer('administrative_penalties'),
    dishonestDebtor: boolean('dishonest_debtor'),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.userId] }),
    index('public_data_records_user_idx').on(t.userId, t.asOf),
    check('public_data_records_counts', sql`${t.socialInsuranceHeadcount} >= 0 and ${t.administrativePenalties} >= 0`),
  ],
);
