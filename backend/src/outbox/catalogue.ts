import { z } from 'zod';
import { POOL_TIERS, REQUEST_ACTIONS, REQUEST_STATUSES } from '../lifecycle/state-machine';

/**
 * Every domain event, by name, with its payload as zod: the outbox writes only these (`recordEvent`
 * takes a `DomainEvent`), and readers — the relay's routing, the processors, the stream's
 * audiences — parse what they receive with `readEvent` instead of casting it.
 */

/** The SLA timers a change arms: a stage's reminder and due time, a directed order's exclusive end. */
export const TIMER_KINDS = ['remind', 'breach', 'exclusive-end'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

const Timer = z.object({
  kind: z.enum(TIMER_KINDS),
  /** The stage id (remind, breach) or the request id (exclusive-end). */
  id: z.string(),
  at: z.string(),
});
export type Timer = z.infer<typeof Timer>;

/** Where a request stands in the pool: its tier and the institutions that may claim it at that tier. */
const PoolOffer = z.object({
  county: z.string(),
  tier: z.enum(POOL_TIERS),
  institutionIds: z.array(z.string()),
});

export const EVENT_CATALOGUE = {
  /** A request was placed: the matcher opens it in the pool. */
  'loan_request.submitted': z.object({ requestId: z.string() }),
  /** A request entered the pool, or moved to another tier of it; the officers it is offered to are told. */
  'loan_request.opened': PoolOffer.extend({
    requestId: z.string(),
    applicantId: z.string(),
    action: z.enum(REQUEST_ACTIONS),
  }),
  /** Any other change of a request; one that takes it out of the pool carries the offer it leaves. */
  'loan_request.changed': PoolOffer.partial().extend({
    requestId: z.string(),
    applicantId: z.string(),
    from: z.enum(REQUEST_STATUSES).nullable(),
    to: z.enum(REQUEST_STATUSES),
    county: z.string(),
    claimedInstitutionId: z.string().nullable(),
    /** The transition it announces; null for a change that is none (deadlines re-planned). */
    action: z.enum(REQUEST_ACTIONS).nullable(),
  }),
  /** A reminder or breach alert went to these people. */
  'sla.alerted': z.object({
    requestId: z.string(),
    kind: z.enum(['sla.reminder', 'sla.breach']),
    stage: z.enum(['respond', 'contact', 'decide']),
    attempt: z.number().int(),
    userIds: z.array(z.string()),
  }),
  /** Deadlines a change created or moved: the workers arm their timers. */
  'sla.timers_needed': z.object({ timers: z.array(Timer) }),
  /** A bureau urged an institution, or the institution acknowledged it. */
  'supervision.urge': z.object({
    urgeId: z.string(),
    requestId: z.string(),
    state: z.enum(['open', 'acknowledged']),
    userIds: z.array(z.string()),
  }),
  'account.registered': z.object({ userId: z.string(), role: z.string(), displayName: z.string() }),
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOGUE)[T]>;

/** An event as recorded: its type, the aggregate it concerns (the job's ordering key) and its payload. */
export type DomainEvent = {
  [T in EventType]: { type: T; aggregateId: string; payload: EventPayload<T> };
}[EventType];

/** An outbox row's event, checked against the catalogue: a row it does not describe is an error. */
export function readEvent(type: string, aggregateId: string, payload: unknown): DomainEvent {
  if (!(type in EVENT_CATALOGUE)) throw new Error(`unknown domain event type: ${type}`);
  const schema = EVENT_CATALOGUE[type as EventType];
  return { type, aggregateId, payload: schema.parse(payload) } as DomainEvent;
}
