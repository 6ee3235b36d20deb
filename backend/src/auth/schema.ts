import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from '../institutions/schema';
import { regions } from '../reference/schema';
import { ACCOUNT_STATUSES, ROLES } from '../access/roles';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case so that "Ent.Demo" and "ent.demo" are one account. */
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    displayName: text('display_name').notNull(),
    /** Officers: the work phone their applicants call once they claim a request. */
    workPhone: text('work_phone'),
    /** Officers and institution admins belong to exactly one institution. */
    institutionId: uuid('institution_id').references(() => institutions.id),
    /** Applicants: where they are. Bureau: the county supervised (null = the whole city). */
    regionCode: text('region_code').references(() => regions.code),
    /** Officers: the county codes they take requests from (within their institution's). */
    countiesServed: text('counties_served')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
    /** Set by the platform admin (a reset, a first institution admin): the next sign-in must choose a new password. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_username_lower', sql`${t.username} = lower(${t.username})`),
    check(
      'users_institution_by_role',
      sql`(${t.role} in ('officer', 'institution_admin')) = (${t.institutionId} is not null)`,
    ),
    index('users_institution_idx').on(t.institutionId),
    // The matcher asks, per request, which institutions have an active officer serving its county:
    // a few hundred officers among hundreds of thousands of applicants.
    index('users_active_officers_idx')
      .on(t.institutionId, t.countiesServed)
      .where(sql`${t.role} = 'officer' and ${t.status} = 'active'`),
  ],
);

export const enterpriseProfiles = pgTable('enterprise_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  uscc: text('uscc').notNull().unique(),
  industry: text('industry').notNull(),
  phone: text('phone').notNull(),
  contactName: text('contact_name'),
});

export const individualProfiles = pgTable('individual_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  idNumber: text('id_number').notNull().unique(),
  phone: text('phone').notNull(),
});

/** What an applicant agreed to at registration: the version of the user agreement and privacy policy, and when. */
export const agreementConsents = pgTable(
  'agreement_consents',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

/** Bearer tokens for scripted clients; only a SHA-256 of the token is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
