/**
 * The real platform for the suites that load it: configuration from the environment as in
 * production, HOST and PORT from lib/child-server.ts. Runs the workers (outbox relay, matcher,
 * stream publisher) in the same process when RUN_WORKERS is true, as `npm start` does;
 * lib/platform.ts always sets it. Stops cleanly on SIGTERM.
 */
import { loadConfig } from '@lcfin/backend/config';
import { createLogger } from '@lcfin/backend/logger';
import { createPlatform } from '@lcfin/backend/platform';
import { runUntilSignalled } from '@lcfin/backend/process';
import { startWorkers } from '@lcfin/workers/start';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const platform = await createPlatform(config, logger);
const workers = config.RUN_WORKERS ? startWorkers(platform) : undefined;
const server = platform.app.listen(config.PORT, config.HOST, (error) => {
  if (error) throw error;
});
runUntilSignalled(logger, async () => {
  // The suite is done when it stops the server: open event streams must not keep close() waiting.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await workers?.close();
  await platform.close();
});
