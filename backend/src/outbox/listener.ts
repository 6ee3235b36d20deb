import pg from 'pg';
import type { Logger } from '../logger';
import { OUTBOX_CHANNEL } from './outbox';

/** Pause before listening again after the connection was lost. */
const RECONNECT_MS = 1_000;

/**
 * Calls `onRecorded` whenever a transaction that recorded outbox events commits on this
 * PostgreSQL database (recordEvent sends the NOTIFY), so the relay need not wait for its next
 * poll. Best effort on a connection of its own: when it drops, it is made again after a pause,
 * and the relay's polling delivers whatever was recorded meanwhile.
 */
export function listenForOutbox(databaseUrl: string, onRecorded: () => void, logger: Logger) {
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const reconnect = (client: pg.Client, err?: unknown) => {
    if (stopped || current !== client) return;
    logger.warn({ err }, 'outbox listener lost its connection; the relay polls until it is back');
    current = undefined;
    void client.end().catch(() => undefined);
    retry = setTimeout(connect, RECONNECT_MS);
  };

  function connect(): void {
    const client = new pg.Client({ connectionString: databaseUrl });
    current = client;
    client.on('notification', onRecorded);
    client.on('error', (err) => reconnect(client, err));
    client.on('end', () => reconnect(client));
    client
      .connect()
      .then(() => client.query(`listen ${OUTBOX_CHANNEL}`))
      // Events that committed while nobody listened.
      .then(onRecorded, (err: unknown) => reconnect(client, err));
  }
  connect();

  return {
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(retry);
      await current?.end().catch(() => undefined);
    },
  };
}
