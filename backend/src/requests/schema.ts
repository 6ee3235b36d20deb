import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { CUSTOMER_TYPES, PRODUCT_KINDS, products } from '../catalog/schema';
import { institutions } from '../institutions/schema';
import { regions } from '../reference/schema';
import { slaPolicies } from '../sla-policy/schema';
import { POOL_TIERS, REQUEST_STATUSES, SLA_STAGES } from '../lifecycle/state-machine';

import { REJECTION_CODES, STAGE_OUTCOMES } from './enums';
import type { TimelineData } from './views';

export { REJECTION_CODES, STAGE_OUTCOMES };

/** A loan request (融资需求). Money is integer yuan, rates basis points. */
export const loanRequests = pgTable(
  'loan_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    customerType: text('customer_type', { enum: CUSTOMER_TYPES }).notNull(),
    /** The applicant's name when submitted (enterprise or person), shown masked before a claim. */
    applicantName: text('applicant_name').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    termMonths: integer('term_months').notNull(),
    purpose: text('purpose').notNull(),
    collateral: text('collateral', { enum: PRODUCT_KINDS }).notNull(),
    county: text('county')
      .notNull()
      .references(() => regions.code),
    industry: text('industry').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** A directed order names the product chosen in the catalog. */
    productId: uuid('product_id').references(() => products.id),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('submitted'),
    poolTier: text('pool_tier', { enum: POOL_TIERS }),
    tierStartedAt: timestamp('tier_started_at', { withTimezone: true }),
    /** The SLA policy version the request started under; it keeps it to the end. */
    slaPolicyVersion: integer('sla_policy_version'),
    /** A directed order's exclusive window ends here (then the county pool). */
    exclusiveUntil: timestamp('exclusive_until', { withTimezone: true }),
    exclusiveInstitutionId: uuid('exclusive_institution_id').references(() => institutions.id),
    claimedInstitutionId: uuid('claimed_institution_id').references(() => institutions.id),
    claimedOfficerId: uuid('claimed_officer_id').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    approvedRateBp: integer('approved_rate_bp'),
    approvedTermMonths: integer('approved_term_months'),
    rejectionCode: text('rejection_code', { enum: REJECTION_CODES }),
    rejectionReason: text('rejection_reason'),
    disbursedAmount: bigint('disbursed_amount', { mode: 'number' }),
    /** 起息日: the day interest starts, recorded at disbursement (the fiscal programs count from it). */
    valueDate: date('value_date', { mode: 'string' }),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('loan_requests_idempotency').on(t.applicantId, t.idempotencyKey),
    index('loan_requests_applicant_idx').on(t.applicantId, t.createdAt),
    index('loan_requests_open_idx').on(t.status, t.county),
    index('loan_requests_claimed_idx').on(t.claimedInstitutionId, t.status),
    check('loan_requests_amount_positive', sql`${t.amount} > 0`),
    check('loan_requests_term_range', sql`${t.termMonths} between 1 and 360`),
    // The database itself refuses an open request with a claimant, or a claimed one without.
    check(
      'loan_requests_claim_consistent',
      sql`${t.status} = 'cancelled'
        or (${t.status} in ('submitted', 'open', 'expired') and ${t.claimedInstitutionId} is null)
        or (${t.status} not in ('submitted', 'open', 'expired') and ${t.claimedInstitutionId} is not null)`,
    ),
  ],
);

/** The matcher's result: which institutions may claim the request, with their best product. */
export const requestCandidates = pgTable(
  'request_candidates',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** Its product and an officer serve the request's county: it is in the county pool. */
    servesCounty: boolean('serves_county').notNull(),
    rank: integer('rank').notNull(),
    /** It rejected the request once: a re-opened request is not offered to it again. */
    excluded: boolean('excluded').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.institutionId] }),
    index('request_candidates_institution_idx').on(t.institutionId),
  ],
);

/** The request's timeline: every change, append-only. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => loanRequests.id),
    /** Null for the platform itself (the matcher, timers). */
    actorId: uuid('actor_id').references(() => users.id),
    fromStatus: text('from_status', { enum: REQUEST_STATUSES }),
    toStatus: text('to_status', { enum: REQUEST_STATUSES }).notNull(),
    note: text('note'),
    data: jsonb('data').$type<TimelineData>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.id)],
);

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
