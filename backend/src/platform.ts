import { fileURLToPath } from 'node:url';
import { count, sql } from 'drizzle-orm';
import type { Express } from 'express';
import { accountRoutes } from './auth/accounts';
import { createFirstAdmin, loadDemoAccounts } from './auth/demo-accounts';
import { createLoginLimiter } from './auth/login-limiter';
import { authRoutes } from './auth/routes';
import { users } from './auth/schema';
import { createAuthenticator } from './auth/session';
import type { Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db/client';
import { inTransaction } from './db/transaction';
import { createApp } from './http/app';
import type { RouteDef } from './http/route';
import { createLogger, type Logger } from './logger';
import { notificationRoutes } from './notifications/routes';
import { createMetrics } from './ops/metrics';
import { createQueues, type Queues } from './queue/queues';
import { createRedis, type Redis } from './queue/redis';
import { loadReferenceData } from './reference/load';
import { referenceRoutes } from './reference/routes';
import { institutionRoutes } from './institutions/routes';
import { catalogRoutes } from './catalog/routes';
import { loadDemoProducts } from './catalog/demo-products';
import { requestRoutes } from './requests/routes';
import { createStreamHub, type StreamHub } from './stream/hub';
import { streamRoutes } from './stream/routes';
import { regions } from './reference/schema';

/** Everything one process of the platform shares: API and workers are built from this. */
export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  redis: Redis;
  queues: Queues;
  streamHub: StreamHub;
  routes: RouteDef[];
  app: Express;
  close(): Promise<void>;
}

const DEFAULT_FRONTEND_DIST = fileURLToPath(new URL('../../frontend/dist', import.meta.url));
const INITIAL_DATA_LOCK = 7_315_001;
/** Keeps idle SSE connections open through proxies that cut silent ones. */
const STREAM_HEARTBEAT_MS = 15_000;

export async function createPlatform(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
): Promise<Platform> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  const { db } = database;
  await loadInitialData(db, config, logger);

  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const streamHub = createStreamHub(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const loginLimiter = createLoginLimiter(redis, config.REDIS_PREFIX);
  const auth = createAuthenticator({ db, redis, config, loginLimiter });
  const routes = [
    ...authRoutes({ db, config, auth }),
    ...accountRoutes({ db }),
    ...referenceRoutes({ db }),
    ...institutionRoutes({ db }),
    ...catalogRoutes({ db }),
    ...requestRoutes({ db }),
    ...streamRoutes({ db, hub: streamHub, heartbeatMs: STREAM_HEARTBEAT_MS }),
    ...notificationRoutes({ db }),
  ];
  const app = createApp({
    routes,
    auth,
    metrics: createMetrics(),
    logger,
    trustProxy: config.TRUST_PROXY,
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
    routes,
    app,
    async close() {
      streamHub.close();
      await queues.close();
      redis.disconnect();
      await database.close();
    },
  };
}

/** Reference data on an empty database, and the demo accounts in demo mode; once, even with several processes. */
async function loadInitialData(db: Database, config: Config, logger: Logger): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_DATA_LOCK})`);
    const [regionCount] = await tx.select({ n: count() }).from(regions);
    if (regionCount!.n === 0) {
      await loadReferenceData(tx);
      logger.info('loaded reference data (regions, institutions)');
    }
    const [userCount] = await tx.select({ n: count() }).from(users);
    if (config.DEMO_DATA && userCount!.n === 0) {
      await loadDemoAccounts(tx);
      await loadDemoProducts(tx);
      logger.info('loaded demo accounts (password demo1234) and demo products');
    }
    if (config.BOOTSTRAP_ADMIN_PASSWORD && (await createFirstAdmin(tx, config.BOOTSTRAP_ADMIN_PASSWORD))) {
      logger.info('created the first platform admin account "admin"');
    }
  });
}
