import type { Server } from 'node:http';
import { activeDemoAccounts, DEMO_PASSWORD } from '@lcfin/backend/accounts/demo-accounts';
import { ConfigError, loadConfig } from '@lcfin/backend/config';
import { createLogger } from '@lcfin/backend/logger';
import { createPlatform } from '@lcfin/backend/platform';
import { closeServer, runUntilSignalled } from '@lcfin/backend/process';
import { loadLivingDemo } from '@lcfin/backend/seed/demo';
import { startWorkers } from '@lcfin/workers/start';

/** `npm start`: API, workers and the web app in one process on one port (RUN_WORKERS=false: API only). */
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL);
const platform = await createPlatform(config, logger);
if (config.DEMO_DATA) {
  // An empty demo database gets six weeks of life up to today, so the dashboards have something true to show.
  const demo = await loadLivingDemo(platform.db, { now: platform.sla.now(), calendar: platform.sla.calendar });
  if (demo) {
    logger.info(
      `loaded the living demo: ${demo.requests} loan requests of the last weeks, ${demo.breaches} breached stages, ` +
        `${demo.urges} urges, in ${(demo.ms / 1000).toFixed(1)} s`,
    );
  }
}
const workers = config.RUN_WORKERS ? startWorkers(platform) : undefined;
const demoAccounts = config.DEMO_DATA ? await activeDemoAccounts(platform.db) : [];
const server: Server = platform.app.listen(config.PORT, config.HOST, () => {
  const db = platform.database.kind === 'pglite' ? `PGlite in ${config.PGLITE_DIR}` : 'PostgreSQL (DATABASE_URL)';
  const url = `http://localhost:${config.PORT}`;
  logger.info(`市县一体金融服务平台 ready on ${url} (API docs ${url}/api/docs) — database: ${db}`);
  if (demoAccounts.length) {
    const accounts = demoAccounts.map((a) => `${a.username} (${a.displayName})`).join(', ');
    logger.info(`demo accounts, password ${DEMO_PASSWORD}: ${accounts}`);
  }
});
runUntilSignalled(logger, async () => {
  // Stop accepting requests, let in-flight ones finish, then drain the workers.
  await closeServer(server);
  await workers?.close();
  await platform.close();
});
