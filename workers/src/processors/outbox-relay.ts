import type { Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { relayOutboxBatch } from '@lcfin/backend/outbox/outbox';

/**
 * Polls the outbox and moves committed events into BullMQ. Several relays (one per worker
 * process) may run: row locks with SKIP LOCKED keep them from sending a row twice.
 */
export function startOutboxRelay(deps: { db: Database; queue: Queue; logger: Logger; pollMs: number }) {
  const { db, queue, logger, pollMs } = deps;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    try {
      // Drain in batches while there is a backlog, then wait for the next poll.
      while (!stopping && (await relayOutboxBatch(db, queue)) > 0);
    } catch (err) {
      logger.warn({ err }, 'outbox relay failed; will retry');
    }
    if (!stopping) timer = setTimeout(() => (running = tick()), pollMs);
  };
  running = tick();

  return {
    /** Finishes the batch in flight, then stops. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
