import { loadConfig } from '@lcfin/backend/config';
import { createLogger } from '@lcfin/backend/logger';
import { createPlatformCore } from '@lcfin/backend/core';
import { runUntilSignalled } from '@lcfin/backend/process';
import { startWorkers } from './start';

/**
 * The workers on their own (scaled separately from the API in production; needs DATABASE_URL,
 * since the embedded PGlite belongs to one process — `npm start` runs the workers in-process).
 */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const platform = await createPlatformCore(config, logger);
const workers = startWorkers(platform);
logger.info('workers started');
runUntilSignalled(logger, async () => {
  await workers.close();
  await platform.close();
});
