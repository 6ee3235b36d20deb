/**
 * The real platform's API (no workers) for the `catalog` suite: configuration from the environment
 * as in production, HOST and PORT from lib/child-server.ts. Stops cleanly on SIGTERM.
 */
import { loadConfig } from '@lcfin/backend/config';
import { createLogger } from '@lcfin/backend/logger';
import { createPlatform } from '@lcfin/backend/platform';
import { runUntilSignalled } from '@lcfin/backend/process';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const platform = await createPlatform(config, logger);
const server = platform.app.listen(config.PORT, config.HOST, (error) => {
  if (error) throw error;
});
runUntilSignalled(logger, async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await platform.close();
});
