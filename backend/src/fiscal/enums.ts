/** The fixed lists of the fiscal instruments (财金协同). Pure: the web app imports them (through contract.ts). */

export { PROGRAM_KINDS, type ProgramKind } from '../program-kinds';

/** A program is drafted, runs while active, and once closed takes no new claims. */
export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** What the lending institution reports of a period of a loan it disbursed. */
export const SERVICING_STATUSES = ['normal', 'overdue', 'repaid', 'default'] as const;
export type ServicingStatus = (typeof SERVICING_STATUSES)[number];

/**
 * A claim's way to payment: submitted → reviewed (初审) → approved (复核, charged to the budget) →
 * paid; either bureau step may reject it instead.
 */
export const CLAIM_STATUSES = ['submitted', 'reviewed', 'approved', 'paid', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_DECISIONS = ['approve', 'reject'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

/**
 * Every movement of a program's money: an approval commits part of the budget, a payment turns
 * the commitment into money paid, a recovery after compensation returns money to the pool.
 */
export const LEDGER_KINDS = ['commit', 'pay', 'recovery'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
