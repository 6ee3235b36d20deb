/**
 * The contract between the bench runner and its suites. A suite is a named async function that
 * measures something and returns numbers; the runner times nothing itself, it only orders suites,
 * keeps their measurements and writes the report.
 */
import type { BenchDatabase } from './lib/postgres';
import type { RedisScope } from './lib/redis';
import type { HttpLoadOptions, HttpLoadResult } from './lib/http-load';

export type { BenchDatabase, PgliteBenchDatabase, PostgresBenchDatabase, SqlClient } from './lib/postgres';
export type { RedisScope } from './lib/redis';
export type { HttpLoadOptions, HttpLoadResult } from './lib/http-load';

export interface Measurement {
  /** Globally unique key, prefixed with the suite name: `baseline.express.rps`. */
  metric: string;
  value: number;
  unit: string;
  /** Metric key of a baseline measured in the same run; the report shows value ÷ baseline value. */
  baseline?: string;
  note?: string;
}

export interface BenchContext {
  /** Length of each timed window, from BENCH_SECONDS. */
  readonly seconds: number;
  /** Window of the pool-latency suite, from BENCH_POOL_SECONDS (see lib/config.ts). */
  readonly poolSeconds: number;
  /** Window of the SLA suite, from BENCH_SLA_MINUTES (see lib/config.ts). */
  readonly slaMinutes: number;
  /** Untimed warm-up before each window (JIT, connection pools, Lua script loading). */
  readonly warmupSeconds: number;
  /** Measurements of the suites that already ran in this run, by metric key. */
  readonly measurements: ReadonlyMap<string, Measurement>;
  /** Adds a line to this suite's notes in the report (setup, concurrency, caveats). */
  note(text: string): void;
  /**
   * Runs fn against a throwaway database `bench_<random>` on BENCH_POSTGRES_URL and drops it
   * afterwards; falls back to in-memory PGlite (and notes it) if the server is unreachable.
   */
  withPostgres<T>(fn: (db: BenchDatabase) => Promise<T>, options?: { poolSize?: number }): Promise<T>;
  /** Runs fn with a unique key prefix `bench:<random>` on REDIS_URL and deletes `<prefix>:*` afterwards. */
  withRedisPrefix<T>(fn: (scope: RedisScope) => Promise<T>): Promise<T>;
  /** Loads a loopback HTTP endpoint with autocannon after an untimed warm-up. */
  httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult>;
}

export interface BenchSuite {
  /** Prefix of every metric key the suite returns, and the name BENCH_ONLY selects it by. */
  name: string;
  title: string;
  /**
   * Time this suite needs beyond the runner's standard budget (which allows for one-minute setup
   * and a few BENCH_SECONDS windows): for setup through the real API or a window of another length.
   */
  extraBudgetSeconds?(ctx: Pick<BenchContext, 'seconds' | 'poolSeconds' | 'slaMinutes'>): number;
  run(ctx: BenchContext): Promise<Measurement[]>;
}
