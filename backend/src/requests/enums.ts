import type { APPLICANT_ROLES } from '../access/roles';
import type { CustomerType } from '../catalog/enums';

/** The fixed lists a request's fields take, beside its statuses (state-machine.ts). Pure: the web app imports them. */
export const REJECTION_CODES = [
  'credit_history',
  'insufficient_income',
  'collateral',
  'policy',
  'documents',
  'other',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** How a stage ended: kept, breached, or cancelled with its request. */
export const STAGE_OUTCOMES = ['on_time', 'breached', 'cancelled'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

/** How an open stage stands against its promise: past the reminder point but not yet due, or past due. */
export const DUE_FILTERS = ['soon', 'overdue'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** Whom an applicant may borrow as: a person as themselves, a sole trader or a farmer; an enterprise only as itself. */
export const CUSTOMER_TYPES_BY_APPLICANT = {
  enterprise: ['enterprise'],
  individual: ['individual', 'sole_trader', 'farmer'],
} as const satisfies Record<(typeof APPLICANT_ROLES)[number], readonly CustomerType[]>;
