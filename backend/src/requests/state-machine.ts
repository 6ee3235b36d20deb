/**
 * The loan request's life (domain spec "Loan request"), pure. Every change goes through
 * `nextStatus`; anything it does not allow is an illegal transition (422 naming the current state).
 */
export const REQUEST_STATUSES = [
  'submitted',
  'open',
  'claimed',
  'contacted',
  'investigated',
  'approved',
  'rejected',
  'disbursed',
  'cancelled',
  'expired',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What moves a request, and who may do it. */
export const REQUEST_ACTIONS = {
  open: 'system',
  claim: 'officer',
  contact: 'officer',
  investigate: 'officer',
  approve: 'officer',
  reject: 'officer',
  disburse: 'officer',
  cancel: 'applicant',
  reopen: 'applicant',
  expire: 'system',
} as const;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  open: { from: ['submitted'], to: 'open' },
  claim: { from: ['open'], to: 'claimed' },
  contact: { from: ['claimed'], to: 'contacted' },
  investigate: { from: ['contacted'], to: 'investigated' },
  approve: { from: ['investigated'], to: 'approved' },
  reject: { from: ['claimed', 'contacted', 'investigated'], to: 'rejected' },
  disburse: { from: ['approved'], to: 'disbursed' },
  // The applicant may withdraw at any point before approval.
  cancel: { from: ['submitted', 'open', 'claimed', 'contacted', 'investigated'], to: 'cancelled' },
  // A rejected request goes back to the pool, without the institutions that rejected it.
  reopen: { from: ['rejected'], to: 'open' },
  expire: { from: ['open'], to: 'expired' },
};

/** The status `action` leads to from `current`, or null when the action is not allowed now. */
export function nextStatus(current: RequestStatus, action: RequestAction): RequestStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(current) ? t.to : null;
}

/** The states a request can no longer leave. */
export const FINAL_STATUSES: readonly RequestStatus[] = ['disbursed', 'cancelled', 'expired'];

/** Officer stage actions by the status the API names (`POST /loan-requests/:id/transition {to}`). */
export const STAGE_ACTION_BY_TARGET = {
  contacted: 'contact',
  investigated: 'investigate',
  approved: 'approve',
  rejected: 'reject',
  disbursed: 'disburse',
} as const satisfies Partial<Record<RequestStatus, RequestAction>>;
