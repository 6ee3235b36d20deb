import type { Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db/client';
import { loadInitialData } from './initial-data';
import { createLogger, type Logger } from './logger';
import { createQueues, type Queues } from './queue/queues';
import { createRedis, type Redis } from './queue/redis';
import { createCatalogSnapshot, type CatalogSnapshot } from './catalog/snapshot';
import { loadCalendar } from './sla/calendar-file';
import { firstDayWithoutCalendar } from './sla/working-time';
import type { SlaContext } from './sla/stages';
import { ensureSupervisionSummaries } from './supervision/summaries';

/**
 * What every process of the platform needs — the database, Redis and its queues, the SLA calendar
 * and clock, the catalog snapshot. A worker process runs on this alone: it never loads the HTTP
 * layer (platform.ts), which it has no use for and would only hold in memory.
 */
export interface PlatformCore {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  redis: Redis;
  queues: Queues;
  catalog: CatalogSnapshot;
  /** The SLA calendar and clock, shared by the API and the workers of this process. */
  sla: SlaContext;
  close(): Promise<void>;
}

/** How stale another process's catalog writes may look here (this process's own are seen at once). */
const CATALOG_MAX_AGE_MS = 2_000;
/** The longest stage (5 working days) across the Spring Festival fits well within this. */
const CALENDAR_WARNING_DAYS = 60;

export interface PlatformOptions {
  /** The SLA clock; tests set it to control deadlines. */
  now?: () => Date;
}

export async function createPlatformCore(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: PlatformOptions = {},
): Promise<PlatformCore> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  const { db } = database;
  for (const what of await loadInitialData(db, config)) logger.info(`loaded ${what}`);

  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const calendar = loadCalendar(config.SLA_CALENDAR_FILE);
  if (await ensureSupervisionSummaries(db, calendar)) logger.info('built the supervision summaries');
  const sla: SlaContext = { calendar, now: options.now ?? (() => new Date()) };
  const uncovered = firstDayWithoutCalendar(sla.now(), CALENDAR_WARNING_DAYS, calendar);
  if (uncovered) {
    logger.warn(
      `The SLA calendar has no data from ${uncovered}: deadlines that reach it are refused (503) until ` +
        `SLA_CALENDAR_FILE supplies ${uncovered.slice(0, 4)}'s official holidays and make-up working days.`,
    );
  }
  return {
    config,
    logger,
    database,
    db,
    redis,
    queues,
    catalog: createCatalogSnapshot(db, CATALOG_MAX_AGE_MS),
    sla,
    async close() {
      await queues.close();
      redis.disconnect();
      await database.close();
    },
  };
}
