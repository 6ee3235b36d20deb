import { integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

/**
 * The 321 policy, versioned: every change is a new row and a request keeps the version it
 * started under. Windows are working minutes (respond, exclusive) and working days (contact, decide).
 */
export const slaPolicies = pgTable('sla_policies', {
  version: serial('version').primaryKey(),
  respondMinutes: integer('respond_minutes').notNull(),
  exclusiveMinutes: integer('exclusive_minutes').notNull(),
  contactDays: integer('contact_days').notNull(),
  decideDays: integer('decide_days').notNull(),
  /** The reminder goes out when this share of a window (per mille) has passed. */
  reminderPermille: integer('reminder_permille').notNull(),
  officeStart: text('office_start').notNull(),
  officeEnd: text('office_end').notNull(),
  lunchStart: text('lunch_start'),
  lunchEnd: text('lunch_end'),
  breachActions: jsonb('breach_actions').notNull().$type<Record<string, string[]>>(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
