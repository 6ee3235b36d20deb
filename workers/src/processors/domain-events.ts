import type { Job } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import { notify } from '@lcfin/backend/notifications/service';
import { openInPool } from '@lcfin/backend/requests/matcher';
import type { DomainEventJob } from '@lcfin/backend/outbox/outbox';

type EventHandler = (db: Database, event: DomainEventJob) => Promise<void>;

/**
 * What each domain event does. Handlers must be idempotent: the outbox guarantees
 * at-least-once delivery, keyed by `event.eventId`.
 */
const HANDLERS: Record<string, EventHandler> = {
  'loan_request.submitted': async (db, event) => {
    await openInPool(db, event.aggregateId);
  },
  'account.registered': async (db, event) => {
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

export function createDomainEventProcessor(db: Database) {
  return async (job: Job<DomainEventJob>): Promise<void> => {
    const handler = HANDLERS[job.data.type];
    // An event nobody handles yet is still delivered and completed: publishers need not know consumers.
    if (handler) await handler(db, job.data);
  };
}
