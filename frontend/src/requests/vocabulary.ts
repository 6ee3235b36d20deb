import { nextStatus, REJECTION_CODES, STAGE_ACTION_BY_TARGET, type DueFilter } from '@lcfin/backend/contract';
import type { PoolTier, RequestStatus, StageTarget } from './loanRequest';

// The backend's state machine is pure, so the web app asks it what may happen next.

export const statusColors: Record<RequestStatus, string> = {
  submitted: 'default',
  open: 'processing',
  claimed: 'cyan',
  contacted: 'geekblue',
  investigated: 'purple',
  approved: 'green',
  rejected: 'error',
  disbursed: 'success',
  cancelled: 'default',
  expired: 'warning',
};

/** Due soon is amber, overdue red, as the countdowns show them. */
export const dueColors: Record<DueFilter, string> = {
  soon: 'orange',
  overdue: 'red',
};

export const tierColors: Record<PoolTier, string> = {
  exclusive: 'magenta',
  county: 'blue',
  city: 'orange',
};

/** The way a request goes when all goes well: the steps of its progress. */
export const progressPath = [
  'submitted',
  'open',
  'claimed',
  'contacted',
  'investigated',
  'approved',
  'disbursed',
] as const satisfies readonly RequestStatus[];
export type PathStatus = (typeof progressPath)[number];

/** The statuses a request can have once an institution has claimed it (its pipeline). */
export const claimedStatuses: readonly RequestStatus[] = [
  'claimed',
  'contacted',
  'investigated',
  'approved',
  'rejected',
  'disbursed',
  'cancelled',
];

export const rejectionCodes = REJECTION_CODES;

const stageTargetsInOrder = Object.keys(STAGE_ACTION_BY_TARGET) as StageTarget[];

/** The stages an officer may move a request to from `status`: the next one first, rejection after it. */
export function stageTargets(status: RequestStatus): StageTarget[] {
  return stageTargetsInOrder.filter((to) => nextStatus(status, STAGE_ACTION_BY_TARGET[to]) !== null);
}

export const canCancel = (status: RequestStatus) => nextStatus(status, 'cancel') !== null;
export const canReopen = (status: RequestStatus) => nextStatus(status, 'reopen') !== null;
export const canHandOver = (status: RequestStatus) => nextStatus(status, 'handover') !== null;
