import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { accountRoutes } from './auth/accounts';
import { auditRoutes } from './audit/routes';
import { createLoginLimiter } from './auth/login-limiter';
import { authRoutes } from './auth/routes';
import { createAuthenticator } from './auth/session';
import type { Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db/client';
import { createApp } from './http/app';
import type { RouteDef } from './http/route';
import { loadInitialData } from './initial-data';
import { createLogger, type Logger } from './logger';
import { notificationRoutes } from './notifications/routes';
import { createMetrics } from './ops/metrics';
import { createQueues, type Queues } from './queue/queues';
import { createRedis, type Redis } from './queue/redis';
import { referenceRoutes } from './reference/routes';
import { institutionRoutes } from './institutions/routes';
import { catalogRoutes } from './catalog/routes';
import { createCatalogSnapshot, type CatalogSnapshot } from './catalog/snapshot';
import { requestRoutes } from './requests/routes';
import { createStreamHub, type StreamHub } from './stream/hub';
import { streamRoutes } from './stream/routes';
import { loadCalendar } from './sla/calendar-file';
import { slaRoutes } from './sla/routes';
import { supervisionRoutes } from './supervision/routes';
import { ensureSupervisionSummaries } from './supervision/summaries';
import type { SlaContext } from './sla/stages';

/** Everything one process of the platform shares: API and workers are built from this. */
export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  redis: Redis;
  queues: Queues;
  streamHub: StreamHub;
  catalog: CatalogSnapshot;
  /** The SLA calendar and clock, shared by the API and the workers of this process. */
  sla: SlaContext;
  routes: RouteDef[];
  app: Express;
  close(): Promise<void>;
}

const DEFAULT_FRONTEND_DIST = fileURLToPath(new URL('../../frontend/dist', import.meta.url));
/** How stale another process's catalog writes may look here (this process's own are seen at once). */
const CATALOG_MAX_AGE_MS = 2_000;
/** Keeps idle SSE connections open through proxies that cut silent ones. */
const STREAM_HEARTBEAT_MS = 15_000;

export interface PlatformOptions {
  /** The SLA clock; tests set it to control deadlines. */
  now?: () => Date;
}

export async function createPlatform(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: PlatformOptions = {},
): Promise<Platform> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  const { db } = database;
  for (const what of await loadInitialData(db, config)) logger.info(`loaded ${what}`);

  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const calendar = loadCalendar(config.SLA_CALENDAR_FILE);
  if (await ensureSupervisionSummaries(db, calendar)) logger.info('built the supervision summaries');
  const catalog = createCatalogSnapshot(db, CATALOG_MAX_AGE_MS);
  const sla: SlaContext = { calendar, now: options.now ?? (() => new Date()) };
  const streamHub = createStreamHub(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const loginLimiter = createLoginLimiter(redis, config.REDIS_PREFIX);
  const auth = createAuthenticator({ db, redis, config, loginLimiter });
  const routes = [
    ...authRoutes({ db, config, auth }),
    ...accountRoutes({ db, auth }),
    ...referenceRoutes({ db }),
    ...institutionRoutes({ db, auth }),
    ...catalogRoutes({ db, catalog }),
    ...requestRoutes({ db, sla }),
    ...streamRoutes({ db, hub: streamHub, heartbeatMs: STREAM_HEARTBEAT_MS }),
    ...slaRoutes({ db, calendar }),
    ...notificationRoutes({ db }),
    ...supervisionRoutes({ db, sla }),
    ...auditRoutes({ db }),
  ];
  const app = createApp({
    routes,
    auth,
    metrics: createMetrics(),
    logger,
    trustProxy: config.TRUST_PROXY,
    metricsToken: config.METRICS_TOKEN,
    frontendDist: config.FRONTEND_DIST ?? DEFAULT_FRONTEND_DIST,
    checkReady: async () => {
      await database.ping();
      await redis.ping();
    },
  });

  return {
    config,
    logger,
    database,
    db,
    redis,
    queues,
    streamHub,
    catalog,
    sla,
    routes,
    app,
    async close() {
      streamHub.close();
      auth.close();
      await queues.close();
      redis.disconnect();
      await database.close();
    },
  };
}
