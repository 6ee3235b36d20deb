import type { CustomerType, ProductKind } from '@lcfin/backend/catalog/schema';
import type { REJECTION_CODES } from '@lcfin/backend/requests/schema';
import type { RequestStatus, STAGE_ACTION_BY_TARGET } from '@lcfin/backend/lifecycle/state-machine';
import type { RequestView } from '@lcfin/backend/requests/views';

export type { PoolTier } from '@lcfin/backend/lifecycle/state-machine';
export type { RequestStatus } from '@lcfin/backend/lifecycle/state-machine';
export type RejectionCode = (typeof REJECTION_CODES)[number];
export type { SlaStage } from '@lcfin/backend/lifecycle/state-machine';
export type { StageView } from '@lcfin/backend/requests/stages';

/**
 * A loan request (融资需求) as the API sends it to the caller: the backend's own view, so whatever it
 * may leave null is null here too (the officer of a request a bureau assigned, until one takes it up).
 * Money is integer yuan, rates annual percent. `masked` (officers before claiming): the name is partly
 * hidden and there is no contact.
 */
export type SentLoanRequest = RequestView;

/** The 321 promises so far: each stage started, with its outcome; a directed order's exclusive end. */
export type RequestDeadlines = SentLoanRequest['deadlines'];

/** A request as the pages hold it. */
export interface LoanRequest extends SentLoanRequest {
  /** When this copy arrived from the API (`Date.now()`): the open stage's clock is read forward from it. */
  receivedAt: number;
}

/** One step of a request's timeline; `data` holds what the step recorded (approval terms, reason…). */
export interface TimelineEntry {
  from: RequestStatus | null;
  to: RequestStatus;
  actorId: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

/** What an applicant submits (`POST /loan-requests`). */
export interface NewLoanRequest {
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: ProductKind;
  county: string;
  industry: string;
  productId?: string;
  customerType?: CustomerType;
  contactName?: string;
  contactPhone?: string;
}

/** The statuses an officer moves a claimed request to. */
export type StageTarget = keyof typeof STAGE_ACTION_BY_TARGET;

/** An officer's stage step (`POST /loan-requests/:id/transition`). */
export interface StageInput {
  to: StageTarget;
  note?: string;
  approvedAmount?: number;
  annualRate?: number;
  termMonths?: number;
  reasonCode?: RejectionCode;
  reason?: string;
  disbursedAmount?: number;
}
