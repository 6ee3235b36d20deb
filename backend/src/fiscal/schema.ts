import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { loanRequests } from '../requests/schema';
import { regions } from '../reference/schema';
import { CLAIM_STATUSES, LEDGER_KINDS, PROGRAM_KINDS, PROGRAM_STATUSES, SERVICING_STATUSES } from './enums';
import type { ProgramEligibility } from './rules';

/** What a program pays, as stored: rates in basis points, caps in fen (the API speaks percent and yuan). */
export interface StoredTerms {
  subsidyRateBp?: number;
  perBorrowerCapPerYearFen?: number;
  feeFloorBp?: number;
  feeShareBp?: number;
  feeCapBp?: number;
  lossShareBp?: number;
  capPerLoanFen?: number;
}

/**
 * A fiscal program (政策项目), funded from one region's budget: the city's (region = the city's
 * code) or a county's. Money is integer fen. `committed_fen` (approved, not yet paid) and
 * `paid_fen` (paid, less recoveries returned) are charged by single guarded UPDATEs, and the
 * database refuses any state that spends more than the budget.
 */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: PROGRAM_KINDS }).notNull(),
    name: text('name').notNull(),
    /** The policy document it implements (聊财金〔2025〕12号). */
    policyRef: text('policy_ref'),
    region: text('region')
      .notNull()
      .references(() => regions.code),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: PROGRAM_STATUSES }).notNull().default('draft'),
    eligibility: jsonb('eligibility').$type<ProgramEligibility>().notNull(),
    terms: jsonb('terms').$type<StoredTerms>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('programs_region_idx').on(t.region, t.status),
    check('programs_budget_positive', sql`${t.budgetFen} > 0`),
    check('programs_period', sql`${t.startsOn} <= ${t.endsOn}`),
    check(
      'programs_never_overspent',
      sql`${t.committedFen} >= 0 and ${t.paidFen} >= 0 and ${t.committedFen} + ${t.paidFen} <= ${t.budgetFen}`,
    ),
  ],
);

/**
 * A disbursed loan a program covers: written once, when the loan is disbursed under an active
 * program (or the program is activated after it), with the loan's figures then.
 */
export const programEnrollments = pgTable(
  'program_enrollments',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    /** Yuan disbursed: the loans the program moved (its leverage counts them). */
    principal: bigint('principal', { mode: 'number' }).notNull(),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.requestId] }),
    index('program_enrollments_request_idx').on(t.requestId),
    index('program_enrollments_program_idx').on(t.programId, t.valueDate, t.principal),
  ],
);

/**
 * What the lending institution reports of a period of a disbursed loan. Append-only: a correction
 * is a new report naming the one it supersedes (at most once), with its reason. A trigger
 * (migration 0017) makes the database refuse every UPDATE, DELETE and TRUNCATE, as for the ledger.
 */
export const servicingReports = pgTable(
  'servicing_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Yuan outstanding over the period. */
    outstandingPrincipal: bigint('outstanding_principal', { mode: 'number' }).notNull(),
    interestPaidFen: bigint('interest_paid_fen', { mode: 'number' }).notNull(),
    /** The guarantee fee paid for the period, when the loan is guaranteed (担保费补贴 needs it). */
    guaranteeFeePaidFen: bigint('guarantee_fee_paid_fen', { mode: 'number' }),
    status: text('status', { enum: SERVICING_STATUSES }).notNull(),
    overdueDays: integer('overdue_days'),
    /** A default's principal lost after recovery. */
    lossFen: bigint('loss_fen', { mode: 'number' }),
    supersedes: uuid('supersedes'),
    reason: text('reason'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('servicing_reports_request_idx').on(t.requestId, t.periodStart),
    uniqueIndex('servicing_reports_superseded_once').on(t.supersedes),
    check('servicing_reports_period', sql`${t.periodStart} < ${t.periodEnd}`),
    check(
      'servicing_reports_amounts',
      sql`${t.outstandingPrincipal} >= 0 and ${t.interestPaidFen} >= 0 and coalesce(${t.guaranteeFeePaidFen}, 0) >= 0 and coalesce(${t.lossFen}, 0) >= 0`,
    ),
    check('servicing_reports_overdue_days', sql`(${t.status} = 'overdue') = (${t.overdueDays} is not null)`),
    check('servicing_reports_loss', sql`(${t.status} = 'default') = (${t.lossFen} is not null)`),
    check('servicing_reports_correction_reason', sql`${t.supersedes} is null or ${t.reason} is not null`),
  ],
);

/** Who is paid, as the borrower or the bank recorded it when claiming. */
export interface Payee {
  name: string;
  accountName: string | null;
  bankName: string | null;
  accountNo: string | null;
}

/**
 * A claim on a program for one loan: a subsidy for a reported period, or compensation for a
 * default. Its amount is computed by the platform when submitted, from the program's terms and the
 * report it names; two different bureau users of the program's region review and check it.
 */
export const programClaims = pgTable(
  'program_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => servicingReports.id),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** A compensation's recoveries returned to the pool so far. */
    returnedFen: bigint('returned_fen', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('submitted'),
    payee: jsonb('payee').$type<Payee>().notNull(),
    claimedBy: uuid('claimed_by')
      .notNull()
      .references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkNote: text('check_note'),
    paidOn: date('paid_on', { mode: 'string' }),
    voucherNo: text('voucher_no'),
    paidBy: uuid('paid_by').references(() => users.id),
  },
  (t) => [
    // The fiscal view's claim tallies read this index alone (an index-only scan at Liaocheng scale).
    index('program_claims_program_idx').on(t.programId, t.status, t.claimedAt, t.amountFen),
    index('program_claims_request_idx').on(t.requestId),
    // One live compensation per loan and program (subsidies are kept apart by their periods).
    uniqueIndex('program_claims_one_compensation')
      .on(t.programId, t.requestId)
      .where(sql`${t.periodStart} is null and ${t.status} <> 'rejected'`),
    check('program_claims_amount', sql`${t.amountFen} > 0 and ${t.returnedFen} between 0 and ${t.amountFen}`),
    check('program_claims_period', sql`(${t.periodStart} is null) = (${t.periodEnd} is null)`),
    // The two-person rule, kept by the database as well: the checker is never the reviewer.
    check('program_claims_two_people', sql`${t.checkedBy} is null or ${t.checkedBy} <> ${t.reviewedBy}`),
    check('program_claims_paid', sql`(${t.status} = 'paid') = (${t.voucherNo} is not null)`),
  ],
);

/** Every movement of a program's money, append-only; signed fen (a recovery is negative paid money). */
export const programLedger = pgTable(
  'program_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => programClaims.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** The day it happened: approval, the payment's date, the recovery's date. */
    on: date('on', { mode: 'string' }).notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('program_ledger_program_idx').on(t.programId, t.id),
    index('program_ledger_movements_idx').on(t.programId, t.on, t.kind, t.amountFen),
  ],
);
