import type { BenchContext, Measurement } from '../suite';
import type { BenchConfig } from './config';
import { httpLoad } from './http-load';
import { withPostgres } from './postgres';
import { withRedisPrefix } from './redis';

/** Connections per suite when it does not ask: the size the SQL baseline is specified at. */
const DEFAULT_POOL_SIZE = 16;

export function createContext(options: {
  config: BenchConfig;
  warmupSeconds: number;
  measurements: ReadonlyMap<string, Measurement>;
  note: (text: string) => void;
}): BenchContext {
  const { config, warmupSeconds, note } = options;
  return {
    seconds: config.seconds,
    poolSeconds: config.poolSeconds,
    slaMinutes: config.slaMinutes,
    warmupSeconds,
    measurements: options.measurements,
    note,
    withPostgres: (fn, { poolSize = DEFAULT_POOL_SIZE } = {}) =>
      withPostgres(config.postgresUrl, fn, { poolSize, note }),
    withRedisPrefix: (fn) => withRedisPrefix(config.redisUrl, fn),
    httpLoad: (load) => httpLoad({ warmupSeconds, ...load }),
  };
}
