import type { RequestView, TransitionBody } from '@lcfin/backend/contract';

export type {
  NewLoanRequestBody as NewLoanRequest,
  PoolTier,
  RejectionCode,
  RequestDeadlines,
  RequestStatus,
  SlaStage,
  StageView,
  TimelineData,
  TimelineEntry,
  TransitionBody as StageInput,
} from '@lcfin/backend/contract';

/**
 * A loan request (融资需求) as the API sends it to the caller: the backend's own view, so whatever it
 * may leave null is null here too (the officer of a request a bureau assigned, until one takes it up).
 */
export type SentLoanRequest = RequestView;

/** A request as the pages hold it. */
export interface LoanRequest extends SentLoanRequest {
  /** When this copy arrived from the API (`Date.now()`): the open stage's clock is read forward from it. */
  receivedAt: number;
}

/** The statuses an officer moves a claimed request to. */
export type StageTarget = TransitionBody['to'];
