import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

/** Every privileged action the audit log records; the part before the dot names what `subject_id` is. */
export const AUDIT_ACTIONS = [
  'institution.create',
  'institution.update',
  'institution.suspend',
  'institution.reinstate',
  'account.create',
  'account.disable',
  'account.enable',
  'account.reset_password',
  'account.update',
  'account.change_password',
  'officer.create',
  'officer.update',
  'product.create',
  'product.update',
  'product.list',
  'product.delist',
  'request.claim',
  'request.transition',
  'request.cancel',
  'request.reopen',
  'request.assign',
  'request.handover',
  'urge.create',
  'urge.acknowledge',
  'sla_policy.publish',
  'sla_calendar.save',
  'program.create',
  'program.update',
  'program.activate',
  'program.close',
  'servicing.report',
  'claim.submit',
  'claim.review',
  'claim.check',
  'claim.pay',
  'claim.recovery',
  'profile.update',
  'public_data.import',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The audit log: who did what to which record, written in the transaction of the action itself.
 * Append-only — no route changes it, and a trigger (migration 0007) makes the database refuse
 * every UPDATE, DELETE and TRUNCATE. The actor's username and role are kept as they were then.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    actorUsername: text('actor_username').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
