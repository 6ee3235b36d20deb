import { listenForOutbox } from '@lcfin/backend/outbox/listener';
import { relayOutboxBatch, type RelayTarget } from '@lcfin/backend/outbox/outbox';
import { startPollingLoop } from './polling-loop';

/** Rows relayed per transaction. */
const RELAY_BATCH = 100;

/**
 * Moves committed events into BullMQ. On PostgreSQL each commit that recorded events wakes it
 * (LISTEN/NOTIFY), and polling remains the safety net; on PGlite it polls. Several relays (one
 * per worker process) may run: one at a time relays, the others skip their pass (outbox.ts).
 */
export function startOutboxRelay(
  deps: RelayTarget & {
    /** PostgreSQL's URL, to listen for commits; undefined on PGlite. */
    databaseUrl: string | undefined;
    pollMs: number;
  },
) {
  const { databaseUrl, pollMs, ...target } = deps;
  const { logger } = target;
  const loop = startPollingLoop({
    name: 'outbox relay',
    intervalMs: pollMs,
    logger,
    // Drain while batches come back full; a smaller one emptied the outbox, and what commits later
    // wakes (or is polled by) the next pass.
    pass: async () => {
      while ((await relayOutboxBatch(target, RELAY_BATCH)) === RELAY_BATCH);
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
