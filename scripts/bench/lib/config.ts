/** Everything the bench run reads from the environment, validated before any suite starts. */
export interface BenchConfig {
  seconds: number;
  /**
   * Window of the pool-latency suite: BENCH_POOL_SECONDS, else 30 s — or 3 × BENCH_SECONDS when
   * that is below 10, so that a quick run stays quick.
   */
  poolSeconds: number;
  /** Window of the SLA suite over which its deadlines fall: BENCH_SLA_MINUTES, else the 10 minutes. */
  slaMinutes: number;
  /** Suite names from BENCH_ONLY; empty means every registered suite. */
  only: string[];
  postgresUrl: string;
  redisUrl: string;
}

/** The variables that change what a run measures; the report repeats the ones that were set. */
export const BENCH_ENV_VARS = [
  'BENCH_SECONDS',
  'BENCH_POOL_SECONDS',
  'BENCH_SLA_MINUTES',
  'BENCH_ONLY',
  'BENCH_POSTGRES_URL',
  'REDIS_URL',
] as const;

const DEFAULT_SECONDS = 10;
const DEFAULT_POOL_SECONDS = 30;
const DEFAULT_SLA_MINUTES = 10;
/** Upper bounds so a typo cannot turn a run into an hour of load on a shared machine. */
const MAX_SECONDS = 600;
const MAX_SLA_MINUTES = 30;

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const seconds = readNumber(env, 'BENCH_SECONDS', MAX_SECONDS) ?? DEFAULT_SECONDS;
  const poolSeconds =
    readNumber(env, 'BENCH_POOL_SECONDS', MAX_SECONDS) ??
    (seconds >= DEFAULT_SECONDS ? DEFAULT_POOL_SECONDS : (DEFAULT_POOL_SECONDS / DEFAULT_SECONDS) * seconds);
  return {
    seconds,
    poolSeconds,
    slaMinutes: readNumber(env, 'BENCH_SLA_MINUTES', MAX_SLA_MINUTES) ?? DEFAULT_SLA_MINUTES,
    only: (env.BENCH_ONLY ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    postgresUrl: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}

function readNumber(
  env: NodeJS.ProcessEnv,
  name: 'BENCH_SECONDS' | 'BENCH_POOL_SECONDS' | 'BENCH_SLA_MINUTES',
  max: number,
): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1 || value > max) {
    throw new Error(`${name}=${JSON.stringify(raw)}: must be a number from 1 to ${max}`);
  }
  return value;
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
