import type { Job } from 'bullmq';
import type { CatalogSnapshot } from '@lcfin/backend/catalog/snapshot';
import type { Database } from '@lcfin/backend/db/client';
import { enrolDisbursedLoan } from '@lcfin/backend/fiscal/enrolment';
import { notify } from '@lcfin/backend/notifications/service';
import { openInPool } from '@lcfin/backend/requests/matcher';
import { noticeToApplicant } from '@lcfin/backend/requests/notices';
import { readEvent, type DomainEvent, type EventType } from '@lcfin/backend/outbox/catalogue';
import type { StreamEvent } from '@lcfin/backend/stream/audience';
import type { SlaContext } from '@lcfin/backend/clock/clock';
import type { Timer } from '@lcfin/backend/outbox/catalogue';
import type { OutboxJob } from '@lcfin/backend/outbox/outbox';

interface HandlerContext {
  db: Database;
  /** The listed products the matcher chooses from. */
  catalog: CatalogSnapshot;
  /** The SLA clock and calendar, which timeline entries and stages follow. */
  sla: SlaContext;
  /** Schedules SLA timers (delayed jobs). */
  scheduleTimers(timers: Timer[]): Promise<void>;
  /** Publishes to every API process's stream hub. */
  publish(event: StreamEvent): Promise<unknown>;
}
type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
type EventHandler<E extends DomainEvent> = (ctx: HandlerContext, event: E, eventId: string) => Promise<void>;

/** Events the signed-in users see live (GET /stream) go out with their outbox id. */
const toStream: EventHandler<EventOf<StreamEvent['type']>> = ({ publish }, event, eventId) =>
  publish({ id: eventId, type: event.type, payload: event.payload } as StreamEvent).then(() => undefined);

/**
 * What each domain event does — every event of the catalogue, so a new one cannot be forgotten.
 * Handlers must be idempotent: the outbox guarantees at-least-once delivery, keyed by the event id.
 */
const HANDLERS: { [T in EventType]: EventHandler<EventOf<T>> } = {
  'loan_request.submitted': async (ctx, event) => {
    await openInPool(ctx, event.payload.requestId);
  },
  // The applicant's notice is written before the stream announces it, so a client that hears of it
  // finds it in the notification centre.
  'loan_request.opened': async (ctx, event, eventId) => {
    await noticeToApplicant(ctx.db, event.payload, event.payload.tier, eventId);
    await toStream(ctx, event, eventId);
  },
  // A disbursed loan joins the fiscal programs it qualifies for (贴息, 担保费补贴, 风险补偿).
  'loan_request.changed': async (ctx, event, eventId) => {
    if (event.payload.action === 'disburse') await enrolDisbursedLoan(ctx.db, event.payload.requestId);
    await noticeToApplicant(ctx.db, event.payload, null, eventId);
    await toStream(ctx, event, eventId);
  },
  'sla.alerted': toStream,
  'supervision.urge': toStream,
  'sla.timers_needed': ({ scheduleTimers }, event) => scheduleTimers(event.payload.timers),
  'account.registered': async ({ db }, event, eventId) => {
    const { userId, displayName } = event.payload;
    await notify(db, {
      userId,
      kind: 'welcome',
      title: '欢迎加入市县一体金融服务平台',
      body: `${displayName}，您的账户已开通。您可以在“产品超市”浏览金融产品，并随时提交融资需求。`,
      sourceEventId: eventId,
    });
  },
};

export function createDomainEventProcessor(ctx: HandlerContext) {
  return async (job: Job<OutboxJob>): Promise<void> => {
    const event = readEvent(job.data.type, job.data.aggregateId, job.data.payload);
    await (HANDLERS[event.type] as EventHandler<DomainEvent>)(ctx, event, job.data.eventId);
  };
}
