import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

/**
 * The official holiday schedules the platform admin entered (国务院办公厅 notices), one row a year;
 * they take precedence over chinese-days'. A year with neither is provisional (calendar/calendar.ts).
 */
export const slaCalendars = pgTable('sla_calendars', {
  year: integer('year').primaryKey(),
  holidays: date('holidays', { mode: 'string' }).array().notNull(),
  workdays: date('workdays', { mode: 'string' }).array().notNull(),
  /** Where the schedule was taken from, e.g. the notice's number. */
  note: text('note'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
