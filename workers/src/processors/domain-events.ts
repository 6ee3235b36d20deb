import type { Job } from 'bullmq';
import type { CatalogSnapshot } from '@lcfin/backend/catalog/snapshot';
import type { Database } from '@lcfin/backend/db/client';
import { notify } from '@lcfin/backend/notifications/service';
import { openInPool, SUBMITTED_EVENT } from '@lcfin/backend/requests/matcher';
import type { StreamEvent } from '@lcfin/backend/stream/audience';
import type { SlaContext } from '@lcfin/backend/sla/stages';
import type { TimerRequest } from './sla-timers';
import type { DomainEventJob } from '@lcfin/backend/outbox/outbox';

interface HandlerContext {
  db: Database;
  /** The listed products the matcher chooses from. */
  catalog: CatalogSnapshot;
  /** The SLA clock, which timeline entries carry. */
  sla: Pick<SlaContext, 'now'>;
  /** Schedules SLA timers (delayed jobs). */
  scheduleTimers(timers: TimerRequest[]): Promise<void>;
  /** Publishes to every API process's stream hub. */
  publish(event: StreamEvent): Promise<unknown>;
}
type EventHandler = (ctx: HandlerContext, event: DomainEventJob) => Promise<void>;

/** Events the signed-in users see live (GET /stream) go out with their outbox id. */
const toStream: EventHandler = ({ publish }, event) =>
  publish({ id: event.eventId, type: event.type, payload: event.payload }).then(() => undefined);

/**
 * What each domain event does. Handlers must be idempotent: the outbox guarantees
 * at-least-once delivery, keyed by `event.eventId`.
 */
const HANDLERS: Record<string, EventHandler> = {
  [SUBMITTED_EVENT]: async (ctx, event) => {
    await openInPool(ctx, event.aggregateId);
  },
  'loan_request.opened': toStream,
  'loan_request.changed': toStream,
  'sla.alerted': toStream,
  'supervision.urge': toStream,
  'sla.timers_needed': ({ scheduleTimers }, event) =>
    scheduleTimers((event.payload as { timers: TimerRequest[] }).timers),
  'account.registered': async ({ db }, event) => {
    const { userId, displayName } = event.payload as { userId: string; displayName: string };
    await notify(db, {
      userId,
      kind: 'welcome',
      title: '欢迎加入市县一体金融服务平台',
      body: `${displayName}，您的账户已开通。您可以在“产品超市”浏览金融产品，并随时提交融资需求。`,
      sourceEventId: event.eventId,
    });
  },
};

export function createDomainEventProcessor(ctx: HandlerContext) {
  return async (job: Job<DomainEventJob>): Promise<void> => {
    const handler = HANDLERS[job.data.type];
    // An event nobody handles yet is still delivered and completed: publishers need not know consumers.
    if (handler) await handler(ctx, job.data);
  };
}
