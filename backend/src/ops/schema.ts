import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Background work that keeps failing — an SLA item the reconciler cannot record, a job whose handler
 * throws — one row per piece of work: how often it failed, when it is tried again (backing off), and
 * whether the platform admins were alerted. The work itself keeps its place where it lives (a due
 * stage, a retried job); this row only paces and reports it.
 */
export const failingWork = pgTable('failing_work', {
  /** What failed, e.g. `sla.breaches:<stage id>` or `job:domain-events:<job id>`. */
  key: text('key').primaryKey(),
  /** Consecutive failures of the current run of them. */
  failures: integer('failures').notNull(),
  firstFailedAt: timestamp('first_failed_at', { withTimezone: true }).notNull(),
  lastError: text('last_error').notNull(),
  retryAt: timestamp('retry_at', { withTimezone: true }).notNull(),
  alertedAt: timestamp('alerted_at', { withTimezone: true }),
  /** Alerts raised for this work, ever: the `/metrics` counter is their sum. */
  alerts: integer('alerts').notNull().default(0),
  /** Set when it succeeded after all; a later failure starts a new run. */
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
});
