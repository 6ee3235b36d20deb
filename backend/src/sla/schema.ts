import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { loanRequests } from '../requests/schema';

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

export const SLA_STAGES = ['respond', 'contact', 'decide'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];
export const STAGE_OUTCOMES = ['on_time', 'breached', 'cancelled'] as const;

/**
 * One stage of one request, with its promise: written in the same transaction as the state
 * change that starts or ends it. The database is the source of truth for deadlines; timers
 * only make them punctual. A respond stage restarts (attempt 2, …) when the request escalates
 * or is re-opened.
 */
export const slaStages = pgTable(
  'sla_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    stage: text('stage', { enum: SLA_STAGES }).notNull(),
    attempt: integer('attempt').notNull().default(1),
    policyVersion: integer('policy_version')
      .notNull()
      .references(() => slaPolicies.version),
    /** contact and decide stages belong to the claiming institution. */
    ownerInstitutionId: uuid('owner_institution_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    remindAt: timestamp('remind_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    outcome: text('outcome', { enum: STAGE_OUTCOMES }),
    /** Set once, by whichever worker records the reminder or the breach first. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
  },
  (t) => [
    unique('sla_stages_attempt').on(t.requestId, t.stage, t.attempt),
    index('sla_stages_open_due_idx')
      .on(t.dueAt)
      .where(sql`${t.completedAt} is null`),
    // Supervision's breach list: stages that ended late (open ones past due use the index above).
    index('sla_stages_breached_due_idx')
      .on(t.dueAt)
      .where(sql`${t.outcome} = 'breached'`),
  ],
);

/**
 * The official holiday schedules the platform admin entered (国务院办公厅 notices), one row a year;
 * they take precedence over chinese-days'. A year with neither is provisional (sla/calendar.ts).
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
