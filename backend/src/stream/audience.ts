import type { Actor } from '../access/roles';
import { isApplicantNoticeAction } from '../lifecycle/applicant-notices';
import { EVENT_CATALOGUE, type EventPayload, type EventType } from '../outbox/catalogue';
import type { StreamMessage } from './views';

/**
 * Who hears what on `GET /stream`, pure. Stream events are outbox events (their outbox id is
 * the SSE id, so a client resumes from where it left off); each becomes zero or more messages
 * for a subscriber.
 */

/** The event types the stream carries; others never reach a client. */
export const STREAM_EVENT_TYPES = [
  'loan_request.opened',
  'loan_request.changed',
  'sla.alerted',
  'supervision.urge',
] as const satisfies readonly EventType[];
type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

export type StreamEvent = {
  [T in StreamEventType]: { id: string; type: T; payload: EventPayload<T> };
}[StreamEventType];

export const isStreamEventType = (type: EventType): type is StreamEventType =>
  (STREAM_EVENT_TYPES as readonly EventType[]).includes(type);

/** An outbox row (or a message of the stream hub) as a stream event, read through the catalogue. */
export function readStreamEvent(id: string, type: EventType, payload: unknown): StreamEvent {
  if (!isStreamEventType(type)) throw new Error(`not a stream event: ${type}`);
  return { id, type, payload: EVENT_CATALOGUE[type].parse(payload) } as StreamEvent;
}

export interface Subscriber {
  actor: Actor;
  /** Officers: the counties they take requests from. */
  counties: readonly string[];
}

export type { StreamMessage };

/** Where a request stands in the pool, as `loan_request.opened` and a change out of the pool carry it. */
type PoolOffer = Partial<Pick<EventPayload<'loan_request.opened'>, 'county' | 'tier' | 'institutionIds'>>;

/** Whether the subscriber's grab hall shows a request offered so: the pool rule (requests/pool-rule.ts). */
function offeredTo({ actor, counties }: Subscriber, offer: PoolOffer): boolean {
  return (
    actor.role === 'officer' &&
    actor.institutionId !== null &&
    (offer.institutionIds?.includes(actor.institutionId) ?? false) &&
    (offer.tier !== 'county' || (offer.county !== undefined && counties.includes(offer.county)))
  );
}

/** The applicant hears that the notice of a change (the workers wrote it first) is in their notification centre. */
function noticeTo(
  { actor }: Subscriber,
  p: Pick<EventPayload<'loan_request.changed'>, 'requestId' | 'applicantId' | 'action'>,
): StreamMessage[] {
  if (actor.id !== p.applicantId || !isApplicantNoticeAction(p.action)) return [];
  return [{ event: 'request.notice', data: { requestId: p.requestId, action: p.action } }];
}

export function messagesFor(event: StreamEvent, subscriber: Subscriber): StreamMessage[] {
  const { actor } = subscriber;
  const messages: StreamMessage[] = [];
  if (event.type === 'loan_request.opened') {
    const p = event.payload;
    if (offeredTo(subscriber, p))
      messages.push({ event: 'pool.added', data: { requestId: p.requestId, tier: p.tier } });
    if (actor.id === p.applicantId) {
      messages.push({ event: 'request.updated', data: { requestId: p.requestId, status: 'open' } });
      messages.push(...noticeTo(subscriber, p));
    }
  } else if (event.type === 'sla.alerted') {
    const p = event.payload;
    if (p.userIds.includes(actor.id)) {
      messages.push({ event: 'sla.alert', data: { requestId: p.requestId, kind: p.kind, stage: p.stage } });
    }
  } else if (event.type === 'supervision.urge') {
    // An urge goes to the institution's staff it names; its acknowledgement back to the bureau.
    const p = event.payload;
    if (p.userIds.includes(actor.id)) {
      messages.push({
        event: 'supervision.urge',
        data: { urgeId: p.urgeId, requestId: p.requestId, state: p.state },
      });
    }
  } else if (event.type === 'loan_request.changed') {
    const p = event.payload;
    // Whatever takes a request out of the pool, the grab halls that showed it drop it.
    if (p.from === 'open' && p.to !== 'open' && offeredTo(subscriber, p)) {
      messages.push({ event: 'pool.removed', data: { requestId: p.requestId, status: p.to } });
    }
    const claimant =
      (actor.role === 'officer' || actor.role === 'institution_admin') &&
      p.claimedInstitutionId !== null &&
      actor.institutionId === p.claimedInstitutionId;
    if (actor.id === p.applicantId || claimant) {
      messages.push({ event: 'request.updated', data: { requestId: p.requestId, from: p.from, status: p.to } });
    }
    messages.push(...noticeTo(subscriber, p));
  }
  return messages;
}
