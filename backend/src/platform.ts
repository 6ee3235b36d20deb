import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { accountRoutes } from './accounts/routes';
import { auditRoutes } from './audit/routes';
import { createLoginLimiter } from './auth/login-limiter';
import { authRoutes } from './auth/routes';
import { createAuthenticator } from './auth/session';
import type { Config } from './config';
import { createPlatformCore, type PlatformCore, type PlatformOptions } from './core';
import { createApp } from './app';
import { createUsageLimits } from './http/limits';
import type { RouteDef } from './http/route';
import { createLogger, type Logger } from './logger';
import { notificationRoutes } from './notifications/routes';
import { createMetrics, registerFailingWorkMetrics } from './ops/metrics';
import { queueDashboard } from './ops/queue-dashboard';
import { referenceRoutes } from './reference/routes';
import { institutionRoutes } from './institutions/routes';
import { catalogRoutes } from './catalog/routes';
import { claimRoutes } from './fiscal/claim-routes';
import { requestRoutes } from './requests/routes';
import { createStreamHub, type StreamHub } from './stream/hub';
import { streamRoutes } from './stream/routes';
import { slaRoutes } from './sla/routes';
import { publicFiguresRoutes } from './supervision/public-figures';
import { supervisionRoutes } from './supervision/routes';
import { programCoverage } from './fiscal/coverage';
import { programRoutes } from './fiscal/routes';
import { profileRoutes } from './profiles/routes';

/** The platform as the API serves it: the core plus the live-stream hub, the route table and the app. */
export interface Platform extends PlatformCore {
  streamHub: StreamHub;
  routes: RouteDef[];
  app: Express;
}

const DEFAULT_FRONTEND_DIST = fileURLToPath(new URL('../../frontend/dist', import.meta.url));
/** Keeps idle SSE connections open through proxies that cut silent ones. */
const STREAM_HEARTBEAT_MS = 15_000;

export async function createPlatform(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: PlatformOptions = {},
): Promise<Platform> {
  const core = await createPlatformCore(config, logger, options);
  const { db, redis, database, catalog, sla } = core;
  const streamHub = createStreamHub(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const loginLimiter = createLoginLimiter(redis, config.REDIS_PREFIX);
  const auth = createAuthenticator({ db, redis, config, loginLimiter });
  const limits = createUsageLimits(redis, config.REDIS_PREFIX);
  const routes = [
    ...authRoutes({ db, config, auth, limits }),
    ...accountRoutes({ db, auth }),
    ...referenceRoutes({ db }),
    ...institutionRoutes({ db, auth, catalog: core.catalog }),
    ...catalogRoutes({ db, catalog, coverage: programCoverage(db, sla) }),
    ...requestRoutes({ db, sla, limits }),
    ...claimRoutes({ db, sla }),
    ...streamRoutes({ db, hub: streamHub, heartbeatMs: STREAM_HEARTBEAT_MS, limits }),
    ...slaRoutes({ db, sla }),
    ...notificationRoutes({ db }),
    ...supervisionRoutes({ db, sla, limits }),
    ...publicFiguresRoutes({ db, now: () => sla.now() }),
    ...programRoutes({ db, sla }),
    ...profileRoutes({ db, sla }),
    ...auditRoutes({ db }),
  ];
  const metrics = createMetrics();
  registerFailingWorkMetrics(metrics, db);
  const app = createApp({
    routes,
    auth,
    metrics,
    logger,
    trustProxy: config.TRUST_PROXY,
    metricsToken: config.METRICS_TOKEN,
    queueDashboard: queueDashboard({ queues: core.queues, identify: auth.identify }),
    frontendDist: config.FRONTEND_DIST ?? DEFAULT_FRONTEND_DIST,
    checkReady: async () => {
      await database.ping();
      await redis.ping();
    },
  });

  return {
    ...core,
    streamHub,
    routes,
    app,
    async close() {
      streamHub.close();
      auth.close();
      await core.close();
    },
  };
}
