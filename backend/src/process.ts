import type { Server } from 'node:http';
import type { Logger } from './logger';

/**
 * Runs `shutdown` once on SIGTERM or SIGINT, then exits; a second signal or a shutdown
 * taking longer than `graceMs` exits at once.
 */
export function runUntilSignalled(logger: Logger, shutdown: () => Promise<void>, graceMs = 25_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs).unref();
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** How long open connections may take to finish before they are cut: event streams never finish by themselves. */
const DRAIN_MS = 10_000;

/**
 * Stops an HTTP server without cutting a request short: no new connections; requests that still
 * arrive on open keep-alive connections are served and answered with `Connection: close` (Node's
 * close() alone would keep serving them, so a busy server never closes); whatever is left after
 * `drainMs` — event streams, which reconnect and resume from Last-Event-ID — is then closed.
 */
export async function closeServer(server: Server, drainMs = DRAIN_MS): Promise<void> {
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  await closed;
  clearTimeout(cut);
}
