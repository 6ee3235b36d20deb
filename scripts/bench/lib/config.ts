/** Everything the bench run reads from the environment, validated before any suite starts. */
export interface BenchConfig {
  seconds: number;
  /** Suite names from BENCH_ONLY; empty means every registered suite. */
  only: string[];
  postgresUrl: string;
  redisUrl: string;
}

/** The variables that change what a run measures; the report repeats the ones that were set. */
export const BENCH_ENV_VARS = ['BENCH_SECONDS', 'BENCH_ONLY', 'BENCH_POSTGRES_URL', 'REDIS_URL'] as const;

const DEFAULT_SECONDS = 10;
/** Upper bound so a typo cannot turn a run into an hour of load on a shared machine. */
const MAX_SECONDS = 600;

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const seconds = env.BENCH_SECONDS ? Number(env.BENCH_SECONDS) : DEFAULT_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
    throw new Error(`BENCH_SECONDS=${JSON.stringify(env.BENCH_SECONDS)}: must be a number from 1 to ${MAX_SECONDS}`);
  }
  return {
    seconds,
    only: (env.BENCH_ONLY ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    postgresUrl: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}

/** Hides the password of a connection URL before it is printed or written to the report. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
