import { fileURLToPath } from 'node:url';
import { loadConfig } from '@lcfin/backend/config';
import { openDatabase, type Database } from '@lcfin/backend/db/client';
import { loadLiaochengSeed } from '@lcfin/backend/seed/load';
import { withChildServer } from './child-server';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';
import { withWorkerProcesses, type WorkerProcess } from './worker-processes';
import type { BenchContext } from '../suite';
import type { BenchDatabase, PostgresBenchDatabase } from './postgres';
import type { RedisScope } from './redis';

/**
 * The real platform under test: a child process (servers/platform.ts) configured as in production
 * on a suite's throwaway PostgreSQL database and Redis prefix, plus the bench process's own drizzle
 * handle on that database for setup through the backend's code.
 */
const PLATFORM_SERVER = fileURLToPath(new URL('../servers/platform.ts', import.meta.url));
/** Starting the platform compiles the backend with tsx and checks migrations: slower than the ping server. */
const READY_TIMEOUT_MS = 60_000;
const SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef';

/** The platform runs in another process, which cannot share the in-memory PGlite fallback. */
function requirePostgres(db: BenchDatabase): PostgresBenchDatabase {
  if (db.engine !== 'postgres') {
    throw new Error('needs a PostgreSQL server: the platform runs in a child process and cannot share PGlite');
  }
  return db;
}

export interface PlatformOptions {
  /** Also run the workers (outbox relay, matcher, stream publisher) in the platform's process. */
  workers: boolean;
}

/** The environment the platform process gets (NODE_ENV=production: no demo data, real secret rules). */
export function platformEnv(db: PostgresBenchDatabase, redis: RedisScope, options: PlatformOptions) {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET,
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    RUN_WORKERS: String(options.workers),
  };
  // The child inherits the runner's environment; pin the intervals so the report can name them.
  const { OUTBOX_POLL_MS, SLA_RECONCILE_MS } = loadConfig({
    ...env,
    OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS,
    SLA_RECONCILE_MS: process.env.SLA_RECONCILE_MS,
  });
  env.OUTBOX_POLL_MS = String(OUTBOX_POLL_MS);
  env.SLA_RECONCILE_MS = String(SLA_RECONCILE_MS);
  return env;
}

/** `count` API processes (as `withPlatformServer`), each on its own port, stopped afterwards. */
function withPlatformServers<T>(
  env: Record<string, string>,
  count: number,
  fn: (origins: string[]) => Promise<T>,
  started: string[] = [],
): Promise<T> {
  if (started.length === count) return fn(started);
  return withChildServer(
    { script: PLATFORM_SERVER, env, readyPath: '/healthz', readyTimeoutMs: READY_TIMEOUT_MS },
    ({ origin }) => withPlatformServers(env, count, fn, [...started, origin]),
  );
}

function withPlatformServer<T>(
  db: PostgresBenchDatabase,
  redis: RedisScope,
  options: PlatformOptions,
  fn: (server: { origin: string; env: Record<string, string> }) => Promise<T>,
): Promise<T> {
  const env = platformEnv(db, redis, options);
  return withPlatformServers(env, 1, ([origin]) => fn({ origin: origin!, env }));
}

/** A drizzle handle on the throwaway database (migrated on open, as the platform does), closed afterwards. */
async function withPlatformDatabase<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir: 'unused' });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** Loads the Liaocheng-scale seed (186 institutions, 340 listed products); returns the transaction's ms. */
async function seedLiaocheng(db: Database): Promise<number> {
  const started = performance.now();
  const report = await loadLiaochengSeed(db);
  const ms = performance.now() - started;
  if (report.institutions.after !== 186 || report.listedProducts.after !== 340) {
    throw new Error(`seed ended with ${JSON.stringify(report)}`);
  }
  return ms;
}

export interface SeededPlatform {
  /** The bench process's own drizzle handle on the platform's database. */
  db: Database;
  redis: RedisScope;
  /** `http://127.0.0.1:<port>` of the platform process. */
  origin: string;
  /** The environment the platform process was started with. */
  env: Record<string, string>;
  /** How long the seed transaction took. */
  seedMs: number;
}

/** A suite's own migrated throwaway database and Redis prefix, before any platform process runs on them. */
export interface PlatformStore {
  /** The bench process's own drizzle handle on the database. */
  db: Database;
  /** The same database for raw SQL, and its URL for child processes. */
  pg: PostgresBenchDatabase;
  redis: RedisScope;
}

/** A throwaway PostgreSQL database (migrated, as the platform does on start) and Redis prefix, removed afterwards. */
export function withPlatformStore<T>(ctx: BenchContext, fn: (store: PlatformStore) => Promise<T>): Promise<T> {
  return ctx.withRedisPrefix((redis) =>
    ctx.withPostgres(
      (benchDb) => {
        const pg = requirePostgres(benchDb);
        return withPlatformDatabase(pg.url, (db) => fn({ db, pg, redis }));
      },
      // The runner's own queries go through `db` above; this pool only creates and drops the database.
      { poolSize: 1 },
    ),
  );
}

/**
 * The usual setup of a suite that loads the real platform: a throwaway database and Redis prefix,
 * the Liaocheng-scale seed, and the platform process on them; everything is removed afterwards.
 */
export function withSeededPlatform<T>(
  ctx: BenchContext,
  options: PlatformOptions,
  fn: (platform: SeededPlatform) => Promise<T>,
): Promise<T> {
  return withPlatformStore(ctx, async ({ db, pg, redis }) => {
    const seedMs = await seedLiaocheng(db);
    return withPlatformServer(pg, redis, options, ({ origin, env }) => fn({ db, redis, origin, env, seedMs }));
  });
}

export interface ScaledPlatform extends SeededPlatform {
  /** The API processes' own origins (`origin` is the proxy in front of them). */
  apiOrigins: string[];
  proxy: RoundRobinProxy;
  workers: WorkerProcess[];
}

/**
 * The platform scaled out as production would run it: `apis` API processes (no workers in them)
 * behind one port (a round-robin TCP proxy, as a load balancer) and `workers` worker processes,
 * on a seeded throwaway database and Redis prefix; everything is removed afterwards.
 */
export function withSeededScaledPlatform<T>(
  ctx: BenchContext,
  scale: { apis: number; workers: number },
  fn: (platform: ScaledPlatform) => Promise<T>,
): Promise<T> {
  return withPlatformStore(ctx, async ({ db, pg, redis }) => {
    const seedMs = await seedLiaocheng(db);
    const env = platformEnv(pg, redis, { workers: false });
    return withPlatformServers(env, scale.apis, (apiOrigins) =>
      withWorkerProcesses(scale.workers, env, async (workers) => {
        const proxy = await startRoundRobinProxy(apiOrigins);
        try {
          return await fn({ db, redis, origin: proxy.origin, env, seedMs, apiOrigins, proxy, workers });
        } finally {
          await proxy.close();
        }
      }),
    );
  });
}
