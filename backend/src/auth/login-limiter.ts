import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../http/errors';
import type { Redis } from '../queue/redis';

/**
 * Brute-force guard for the login and token endpoints: failed attempts are counted per
 * account and per client IP; over either limit the caller gets 429 until the window passes.
 */
export const LOGIN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60 },
  perIp: { points: 50, duration: 15 * 60 },
};

export function createLoginLimiter(redis: Redis, prefix: string) {
  const perAccount = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:rl:login-account`,
    ...LOGIN_LIMITS.perAccount,
  });
  const perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:login-ip`, ...LOGIN_LIMITS.perIp });

  function blocked(res: RateLimiterRes | null, points: number): number | null {
    return res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : null;
  }

  return {
    /** Throws 429 if this account or IP has failed too often recently. */
    async check(username: string, ip: string): Promise<void> {
      const [account, address] = await Promise.all([perAccount.get(username), perIp.get(ip)]);
      const wait = blocked(account, LOGIN_LIMITS.perAccount.points) ?? blocked(address, LOGIN_LIMITS.perIp.points);
      if (wait !== null) throw new AppError('RATE_LIMITED', undefined, wait);
    },
    async recordFailure(username: string, ip: string): Promise<void> {
      await Promise.all([perAccount.penalty(username, 1), perIp.penalty(ip, 1)]);
    },
    async recordSuccess(username: string): Promise<void> {
      await perAccount.delete(username);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
