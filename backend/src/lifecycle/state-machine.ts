/**
 * The loan request's life (domain spec "Loan request"), pure: every action that changes a request,
 * declared once as data. `transitions.ts` carries a declaration out (the only writer of a request's
 * status and pool tier); the seed replays the same declarations; the web app reads them to offer
 * only what the state allows.
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

/** Who may claim an open request now: the directed product's institution alone, its county, or the whole city. */
export const POOL_TIERS = ['exclusive', 'county', 'city'] as const;
export type PoolTier = (typeof POOL_TIERS)[number];

/** The SLA stages of the 321 promise: respond (3 working hours), contact (2 days), decide (1… see the policy). */
export const SLA_STAGES = ['respond', 'contact', 'decide'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

export interface TransitionDeclaration {
  /** The states it may start from; `null` for the request that does not exist yet. */
  from: readonly (RequestStatus | null)[];
  /** The state it leads to; `same`: it keeps the state it started from (a change of who holds the request). */
  to: RequestStatus | 'same';
  /**
   * The pool tier it moves the request to. `entry`: where a new request starts, the directed
   * institution alone or the county pool (the matcher decides which).
   */
  tier?: PoolTier | 'entry';
  /** The tier it must be at, when only one tier may move on (the end of the exclusive window). */
  fromTier?: PoolTier;
  /** The SLA stage it ends (`any`: whichever is open); `cancel` ends it without an outcome of its own. */
  completes?: SlaStage | 'any';
  cancelsStages?: true;
  /** The SLA stage it starts, owned by the claiming institution for the day stages. */
  starts?: SlaStage;
  /** The timeline note when the action speaks for itself (the system's actions). */
  note?: string;
  /** The audit entry of an actor's action. */
  audit?:
    | 'request.claim'
    | 'request.assign'
    | 'request.handover'
    | 'request.transition'
    | 'request.cancel'
    | 'request.reopen';
  /** What the outbox announces: the request entered (or re-entered) the pool, or it changed. */
  event: 'loan_request.submitted' | 'loan_request.opened' | 'loan_request.changed';
}

const BEFORE_APPROVAL = ['submitted', 'open', 'claimed', 'contacted', 'investigated'] as const;

export const TRANSITIONS = {
  submit: { from: [null], to: 'submitted', starts: 'respond', event: 'loan_request.submitted' },
  open: { from: ['submitted'], to: 'open', tier: 'entry', event: 'loan_request.opened' },
  endExclusive: {
    from: ['open'],
    to: 'open',
    fromTier: 'exclusive',
    tier: 'county',
    note: '定向独享时段结束，进入本县抢单池',
    event: 'loan_request.opened',
  },
  escalate: {
    from: ['open'],
    to: 'open',
    tier: 'city',
    completes: 'respond',
    starts: 'respond',
    note: '响应超时，升级至全市抢单池',
    event: 'loan_request.opened',
  },
  claim: {
    from: ['open'],
    to: 'claimed',
    completes: 'respond',
    starts: 'contact',
    audit: 'request.claim',
    event: 'loan_request.changed',
  },
  assign: {
    from: ['open'],
    to: 'claimed',
    completes: 'respond',
    starts: 'contact',
    note: '金融监管部门派单',
    audit: 'request.assign',
    event: 'loan_request.changed',
  },
  // 转派: the claiming institution's admin moves the request to another of its officers. The
  // institution still holds it, so its SLA stage runs on as it was.
  handover: {
    from: ['claimed', 'contacted', 'investigated'],
    to: 'same',
    audit: 'request.handover',
    event: 'loan_request.changed',
  },
  contact: { from: ['claimed'], to: 'contacted', audit: 'request.transition', event: 'loan_request.changed' },
  investigate: {
    from: ['contacted'],
    to: 'investigated',
    completes: 'contact',
    starts: 'decide',
    audit: 'request.transition',
    event: 'loan_request.changed',
  },
  approve: {
    from: ['investigated'],
    to: 'approved',
    completes: 'any',
    audit: 'request.transition',
    event: 'loan_request.changed',
  },
  // A rejection may come before the investigation: it ends whichever stage is open.
  reject: {
    from: ['claimed', 'contacted', 'investigated'],
    to: 'rejected',
    completes: 'any',
    audit: 'request.transition',
    event: 'loan_request.changed',
  },
  disburse: { from: ['approved'], to: 'disbursed', audit: 'request.transition', event: 'loan_request.changed' },
  // The applicant may withdraw at any point before approval.
  cancel: {
    from: BEFORE_APPROVAL,
    to: 'cancelled',
    completes: 'any',
    cancelsStages: true,
    audit: 'request.cancel',
    event: 'loan_request.changed',
  },
  // A rejected request goes back to the county pool, without the institutions that rejected it.
  reopen: {
    from: ['rejected'],
    to: 'open',
    tier: 'county',
    starts: 'respond',
    audit: 'request.reopen',
    event: 'loan_request.opened',
  },
  // Nobody claimed or was assigned it long after its last respond window ran out.
  expire: {
    from: ['open'],
    to: 'expired',
    completes: 'any',
    note: '无机构承接，需求已过期',
    event: 'loan_request.changed',
  },
} as const satisfies Record<string, TransitionDeclaration>;
export type RequestAction = keyof typeof TRANSITIONS;
export const REQUEST_ACTIONS = Object.keys(TRANSITIONS) as [RequestAction, ...RequestAction[]];

/** Working days after its last respond window ran out that an open request nobody took expires (configurable). */
export const EXPIRY_WORKING_DAYS = 10;

/** The status `action` leads to from `current`, or null when the action is not allowed now. */
export function nextStatus(current: RequestStatus | null, action: RequestAction): RequestStatus | null {
  const t: TransitionDeclaration = TRANSITIONS[action];
  if (!t.from.includes(current)) return null;
  return t.to === 'same' ? current : t.to;
}

/** Officer stage actions by the status the API names (`POST /loan-requests/:id/transition {to}`). */
export const STAGE_ACTION_BY_TARGET = {
  contacted: 'contact',
  investigated: 'investigate',
  approved: 'approve',
  rejected: 'reject',
  disbursed: 'disburse',
} as const satisfies Partial<Record<RequestStatus, RequestAction>>;
