import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { APPLICANT_ROLES } from '../access/roles';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';
import { loanRequests } from '../requests/schema';
import { SLA_STAGES } from '../lifecycle/state-machine';
import { slaStages } from '../requests/schema';

/**
 * Summary tables behind the bureau's figures. Counting 286k accounts and every request per
 * call would not scale, so each change updates its day's row in the transaction of the change
 * (summaries.ts); `rebuildSupervisionSummaries` recomputes them all from the source tables.
 * Days are Shanghai calendar days.
 */

/** Applicant registrations per day, county and role. */
export const registrationsDaily = pgTable(
  'supervision_registrations_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    county: text('county').notNull(),
    role: text('role', { enum: APPLICANT_ROLES }).notNull(),
    accounts: integer('accounts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.county, t.role] })],
);

/**
 * Request changes per day and county, spread over `shard` rows: every submission and claim of a
 * county on a day adds to this table in its transaction, and one row per (day, county) would make
 * them queue for its lock until each commit. Readers sum over shards. Amounts are integer yuan.
 */
export const requestsDaily = pgTable(
  'supervision_requests_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    county: text('county').notNull(),
    shard: smallint('shard').notNull().default(0),
    submitted: integer('submitted').notNull().default(0),
    submittedAmount: bigint('submitted_amount', { mode: 'number' }).notNull().default(0),
    claimed: integer('claimed').notNull().default(0),
    /** Respond stages that ended on time: claims within the respond window. */
    claimedWithinWindow: integer('claimed_within_window').notNull().default(0),
    /** Claims that were a bureau's assignment (派单). */
    assigned: integer('assigned').notNull().default(0),
    approved: integer('approved').notNull().default(0),
    approvedAmount: bigint('approved_amount', { mode: 'number' }).notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    reopened: integer('reopened').notNull().default(0),
    escalated: integer('escalated').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.county, t.shard] })],
);

/**
 * One row per disbursed request (撮合放款): distinct borrowers and the working time from
 * submission to disbursement are not additive over days, so they are kept per loan.
 */
export const disbursals = pgTable(
  'supervision_disbursals',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => loanRequests.id),
    applicantId: uuid('applicant_id').notNull(),
    county: text('county').notNull(),
    institutionId: uuid('institution_id'),
    day: date('day', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Working minutes from submission to disbursement; null when the calendar lacks the year. */
    workingMinutes: integer('working_minutes'),
    /** Working minutes in one working day under the request's policy. */
    dayMinutes: integer('day_minutes').notNull(),
  },
  (t) => [index('supervision_disbursals_day_idx').on(t.day, t.county)],
);

/**
 * Each SLA stage that ended on time or breached, with the working time it took: computing
 * working time needs the calendar, too slow to redo for every stage on every call.
 */
export const stageTimes = pgTable(
  'supervision_stage_times',
  {
    stageId: uuid('stage_id')
      .primaryKey()
      .references(() => slaStages.id),
    stage: text('stage', { enum: SLA_STAGES }).notNull(),
    county: text('county').notNull(),
    /** The stage's owner: the claimant for a respond stage its claim ended; null for one nobody claimed (the pool's). */
    institutionId: uuid('institution_id'),
    /** The day the stage ended. */
    day: date('day', { mode: 'string' }).notNull(),
    outcome: text('outcome', { enum: ['on_time', 'breached'] }).notNull(),
    /** Null when the calendar lacks the year. */
    workingMinutes: integer('working_minutes'),
  },
  (t) => [
    index('supervision_stage_times_day_idx').on(t.day, t.county),
    // In percentile order and covering every column the SLA figures read, per institution and per
    // county: the median and p90 come from an index-only scan in order rather than a sort of every
    // stage on each call (the table is insert-only, so the visibility map stays current).
    index('supervision_stage_times_institution_minutes_idx').on(
      t.stage,
      t.institutionId,
      t.workingMinutes,
      t.outcome,
      t.day,
      t.county,
    ),
    index('supervision_stage_times_county_minutes_idx').on(
      t.stage,
      t.county,
      t.workingMinutes,
      t.outcome,
      t.day,
      t.institutionId,
    ),
  ],
);

/**
 * 督办: a bureau urges the institution owning a breached stage. Open until the institution
 * acknowledges it; resolved when the stage completes (read from the stage, not stored twice).
 */
export const urges = pgTable(
  'supervision_urges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => slaStages.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    county: text('county').notNull(),
    note: text('note').notNull(),
    urgedBy: uuid('urged_by')
      .notNull()
      .references(() => users.id),
    urgedAt: timestamp('urged_at', { withTimezone: true }).notNull(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgementNote: text('acknowledgement_note'),
  },
  (t) => [
    index('supervision_urges_stage_idx').on(t.stageId),
    index('supervision_urges_institution_idx').on(t.institutionId, t.urgedAt),
    // One unacknowledged urge per stage: urging again before an answer adds nothing.
    uniqueIndex('supervision_urges_one_open')
      .on(t.stageId)
      .where(sql`${t.acknowledgedAt} is null`),
  ],
);
