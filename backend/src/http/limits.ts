import { randomUUID } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '../queue/redis';
import { AppError } from './errors';

/** A held place under a concurrency limit. */
export interface Lease {
  /** Keeps the place for another lease period (long-lived holders, such as streams, renew it). */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes a place in the sorted set of live leases (member → expiry, on Redis's clock) if the member
 * holds one already or fewer than the maximum are live; renews a held one; a lease whose process
 * died expires by itself.
 */
const TAKE_LEASE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZSCORE', KEYS[1], ARGV[2])
if ARGV[1] == 'renew' and not held then return 0 end
if not held and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/**
 * Limits on what one caller (a user, or an address) may use of the API, shared by every API process
 * through Redis, so that no one can starve the others. Over a limit the caller gets 429
 * RATE_LIMITED with Retry-After.
 */
export function createUsageLimits(redis: Redis, prefix: string) {
  return {
    /** At most `points` calls per `duration` seconds per key. */
    rate(name: string, options: { points: number; duration: number }) {
      const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:${name}`, ...options });
      return async (key: string): Promise<void> => {
        try {
          await limiter.consume(key);
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
          throw new AppError('RATE_LIMITED', undefined, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
        }
      };
    },

    /**
     * At most `max` at once per key. A lease lasts `leaseSeconds` unless renewed, so places held by
     * a process that died come free; a refused caller is told to retry after `retryAfter` seconds.
     * Callers naming the same `work` share one place (the first to release frees it).
     */
    concurrency(name: string, options: { max: number; leaseSeconds: number; retryAfter: number }) {
      const leaseMs = String(options.leaseSeconds * 1000);
      return async (key: string, work: string = randomUUID()): Promise<Lease> => {
        const set = `${prefix}:leases:${name}:${key}`;
        const run = (mode: 'take' | 'renew') => redis.eval(TAKE_LEASE, 1, set, mode, work, options.max, leaseMs);
        if ((await run('take')) !== 1) throw new AppError('RATE_LIMITED', undefined, options.retryAfter);
        return {
          renew: async () => void (await run('renew')),
          release: async () => void (await redis.zrem(set, work)),
        };
      };
    },
  };
}

export type UsageLimits = ReturnType<typeof createUsageLimits>;
