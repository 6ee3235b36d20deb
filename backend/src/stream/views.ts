import { z } from 'zod';
import { EVENT_CATALOGUE } from '../outbox/catalogue';
import { APPLICANT_NOTICE_ACTIONS } from '../lifecycle/applicant-notices';
import { POOL_TIERS, REQUEST_STATUSES } from '../lifecycle/state-machine';

/**
 * What `GET /stream` sends, by event name: each message's `data`, the one definition audience.ts
 * builds them by and the web app reads (through contract.ts). Pure (zod only).
 */
const alert = EVENT_CATALOGUE['sla.alerted'].shape;
const urge = EVENT_CATALOGUE['supervision.urge'].shape;
export const STREAM_MESSAGES = {
  /** A request entered an officer's grab hall, or moved to another tier of it. */
  'pool.added': z.object({ requestId: z.string(), tier: z.enum(POOL_TIERS) }),
  /** A request left the pool (claimed, assigned, withdrawn, expired). */
  'pool.removed': z.object({ requestId: z.string(), status: z.enum(REQUEST_STATUSES) }),
  /** A request its applicant or claiming institution sees changed. */
  'request.updated': z.object({
    requestId: z.string(),
    from: z.enum(REQUEST_STATUSES).nullable().optional(),
    status: z.enum(REQUEST_STATUSES),
  }),
  /** The applicant's notice of a change of their request is in their notification centre. */
  'request.notice': z.object({ requestId: z.string(), action: z.enum(APPLICANT_NOTICE_ACTIONS) }),
  /** A reminder or breach alert about a request's stage. */
  'sla.alert': z.object({ requestId: alert.requestId, kind: alert.kind, stage: alert.stage }),
  /** An urge addressed to the institution, or its acknowledgement back to the bureau. */
  'supervision.urge': z.object({ urgeId: urge.urgeId, requestId: urge.requestId, state: urge.state }),
};
export type StreamMessageName = keyof typeof STREAM_MESSAGES;
export type StreamMessageData<E extends StreamMessageName> = z.output<(typeof STREAM_MESSAGES)[E]>;
export type StreamMessage = { [E in StreamMessageName]: { event: E; data: StreamMessageData<E> } }[StreamMessageName];
