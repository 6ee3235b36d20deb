import type { Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { relayOutboxBatch } from '@lcfin/backend/outbox/outbox';
import { startPollingLoop } from './polling-loop';

/**
 * Polls the outbox and moves committed events into BullMQ. Several relays (one per worker
 * process) may run: row locks with SKIP LOCKED keep them from sending a row twice.
 */
export function startOutboxRelay(deps: {
  db: Database;
  queueFor: (eventType: string) => Queue;
  logger: Logger;
  pollMs: number;
}) {
  const { db, queueFor, logger, pollMs } = deps;
  return startPollingLoop({
    name: 'outbox relay',
    intervalMs: pollMs,
    logger,
    // Drain in batches while there is a backlog, then wait for the next poll.
    pass: async () => {
      while ((await relayOutboxBatch(db, queueFor)) > 0);
    },
  });
}
