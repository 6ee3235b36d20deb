import type { Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db/client';
import { loadInitialData } from './initial-data';
import { createLogger, type Logger } from './logger';
import { createRedisOutageLog, type RedisOutageLog } from './ops/redis-outage';
import { createQueues, type Queues } from './queue/queues';
import { createRedis, type Redis } from './queue/redis';
import { createCatalogSnapshot, type CatalogSnapshot } from './catalog/snapshot';
import { createLiveCalendar } from './calendar/calendar-store';
import { seedCalendarFile, upcomingProvisional } from './sla/calendars';
import type { SlaContext } from './clock/clock';
import { consumeRegistrations } from './auth/service';
import { consumeTransitions } from './requests/transitions';
import { countRegistration, countTransition, ensureSupervisionSummaries } from './supervision/summaries';

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
  /** Reports a Redis outage once, for every connection, queue and worker that watches it. */
  redisOutages: RedisOutageLog;
  catalog: CatalogSnapshot;
  /** The SLA calendar and clock, shared by the API and the workers of this process. */
  sla: SlaContext;
  close(): Promise<void>;
}

/** How stale another process's catalog writes may look here (this process's own are seen at once). */
const CATALOG_MAX_AGE_MS = 2_000;
/** How stale another process's calendar saves may look here (this process's own are seen at once). */
const CALENDAR_REFRESH_MS = 3_000;

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
  // Supervision's summaries follow every change of a request and every registration, in its transaction.
  consumeTransitions(countTransition);
  consumeRegistrations(countRegistration);
  for (const what of await loadInitialData(db, config, options.now?.())) logger.info(`loaded ${what}`);

  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const redisOutages = createRedisOutageLog(logger);
  redisOutages.watch(redis, 'redis');
  redis.on('ready', redisOutages.answered);
  for (const queue of [queues.domainEvents, queues.streamEvents, queues.slaTimers])
    redisOutages.watch(queue, queue.name);
  const calendar = await createLiveCalendar(db, CALENDAR_REFRESH_MS, logger);
  const sla: SlaContext = { calendar, now: options.now ?? (() => new Date()) };
  if (config.SLA_CALENDAR_FILE) {
    for (const year of await seedCalendarFile(db, sla, config.SLA_CALENDAR_FILE))
      logger.info(`entered ${year}'s official holiday schedule from SLA_CALENDAR_FILE`);
  }
  if (await ensureSupervisionSummaries(db, calendar)) logger.info('built the supervision summaries');
  const upcoming = upcomingProvisional(sla);
  if (upcoming) {
    logger.warn(
      `${upcoming.year} has no official holiday schedule yet: deadlines from ${upcoming.firstDay} are provisional ` +
        `(estimated from the statutory holidays) until the platform admin enters it (working calendar page, ` +
        `or PUT /api/v1/sla/calendars/${upcoming.year}).`,
    );
  }
  return {
    config,
    logger,
    database,
    db,
    redis,
    redisOutages,
    queues,
    catalog: createCatalogSnapshot(db, CATALOG_MAX_AGE_MS),
    sla,
    async close() {
      calendar.close();
      await queues.close();
      redis.disconnect();
      await database.close();
    },
  };
}
