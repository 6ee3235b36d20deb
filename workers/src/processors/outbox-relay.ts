import type { Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { listenForOutbox } from '@lcfin/backend/outbox/listener';
import { relayOutboxBatch } from '@lcfin/backend/outbox/outbox';
import { startPollingLoop } from './polling-loop';

/** Rows relayed per transaction. */
const RELAY_BATCH = 100;

/**
 * Moves committed events into BullMQ. On PostgreSQL each commit that recorded events wakes it
 * (LISTEN/NOTIFY), and polling remains the safety net; on PGlite it polls. Several relays (one
 * per worker process) may run: row locks with SKIP LOCKED keep them from sending a row twice.
 */
export function startOutboxRelay(deps: {
  db: Database;
  /** PostgreSQL's URL, to listen for commits; undefined on PGlite. */
  databaseUrl: string | undefined;
  queueFor: (eventType: string) => Queue;
  logger: Logger;
  pollMs: number;
}) {
  const { db, databaseUrl, queueFor, logger, pollMs } = deps;
  const loop = startPollingLoop({
    name: 'outbox relay',
    intervalMs: pollMs,
    logger,
    // Drain while batches come back full; a smaller one emptied the outbox, and what commits later
    // wakes (or is polled by) the next pass.
    pass: async () => {
      while ((await relayOutboxBatch(db, queueFor, RELAY_BATCH)) === RELAY_BATCH);
    },
  });
  const listener = databaseUrl ? listenForOutbox(databaseUrl, loop.wake, logger) : undefined;
  return {
    async stop(): Promise<void> {
      await listener?.stop();
      await loop.stop();
    },
  };
}
