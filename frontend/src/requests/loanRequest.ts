import type { CustomerType, ProductKind } from '@lcfin/backend/catalog/schema';
import type { PoolTier, REJECTION_CODES } from '@lcfin/backend/requests/schema';
import type { RequestStatus, STAGE_ACTION_BY_TARGET } from '@lcfin/backend/requests/state-machine';
import type { SlaStage } from '@lcfin/backend/sla/schema';
import type { StageView } from '@lcfin/backend/sla/stages';

export type { PoolTier } from '@lcfin/backend/requests/schema';
export type { RequestStatus } from '@lcfin/backend/requests/state-machine';
export type RejectionCode = (typeof REJECTION_CODES)[number];
export type { SlaStage } from '@lcfin/backend/sla/schema';
export type { StageView } from '@lcfin/backend/sla/stages';

/** The 321 promises so far: each stage started, with its outcome; a directed order's exclusive end. */
export type RequestDeadlines = Partial<Record<SlaStage, StageView>> & { exclusiveUntil?: string };

/**
 * A loan request (融资需求) as the API shows it to the caller. Money is integer yuan, rates annual
 * percent. `masked` (officers before claiming): the name is partly hidden and there is no contact.
 */
export interface LoanRequest {
  id: string;
  status: RequestStatus;
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: ProductKind;
  county: string;
  industry: string;
  customerType: CustomerType;
  masked: boolean;
  applicant: { name: string; contactName: string | null; contactPhone: string | null };
  product: { id: string; name: string; institutionName: string } | null;
  poolTier: PoolTier | null;
  claimedBy: {
    institution: { id: string; name: string };
    officer: { id: string; displayName: string };
    at: string;
  } | null;
  approval: { amount: number; annualRate: number | null; termMonths: number | null } | null;
  rejection: { code: RejectionCode; reason: string | null } | null;
  disbursedAmount: number | null;
  deadlines: RequestDeadlines;
  createdAt: string;
  updatedAt: string;
  /** When this copy arrived from the API (`Date.now()`): the open stage's clock is read forward from it. */
  receivedAt: number;
}

/** A request as the API sends it, before `received` stamps its arrival. */
export type SentLoanRequest = Omit<LoanRequest, 'receivedAt'>;

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
