import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../http/errors';
import type { Redis } from '../queue/redis';

/**
 * Brute-force guard for the login and token endpoints, which must not become a way to lock an owner
 * out. Wrong passwords are counted per account and address, per address, and per account:
 * - an address that failed `perAccountAndIp` times on an account is refused for that account;
 * - an address that failed `perIp` times on any accounts is refused for all;
 * - an account that failed `perAccount` times (from anywhere) is slowed down, not locked: it takes
 *   one attempt per `slowedAccountSeconds`, and only from an address that has not failed on it. The
 *   owner, with the right password from their own address, still gets in; a guesser spread over
 *   many addresses gets at most one guess per interval, each from an address it has not burnt yet.
 * Over a limit the caller gets 429 with Retry-After. A success clears the account's counts.
 */
export const LOGIN_LIMITS = {
  perAccountAndIp: { points: 5, duration: 15 * 60 },
  perIp: { points: 50, duration: 15 * 60 },
  perAccount: { points: 5, duration: 15 * 60 },
  /** One more guess per window beyond the 5: the old lock let 5 through per 15 minutes; this lets 6. */
  slowedAccountSeconds: 15 * 60,
};

export function createLoginLimiter(redis: Redis, prefix: string) {
  const counter = (name: string, limit: { points: number; duration: number }) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:${name}`, ...limit });
  const perPair = counter('login-account-ip', LOGIN_LIMITS.perAccountAndIp);
  const perIp = counter('login-ip', LOGIN_LIMITS.perIp);
  const perAccount = counter('login-account', LOGIN_LIMITS.perAccount);
  const slowed = counter('login-slowed', { points: 1, duration: LOGIN_LIMITS.slowedAccountSeconds });
  const pairKey = (username: string, ip: string) => `${username}|${ip}`;

  const failures = (res: RateLimiterRes | null) => res?.consumedPoints ?? 0;
  const refuse = (res: RateLimiterRes) => new AppError('RATE_LIMITED', undefined, Math.ceil(res.msBeforeNext / 1000));

  return {
    /** Throws 429 if this address may not try this account now. */
    async check(username: string, ip: string): Promise<void> {
      const [pair, address, account] = await Promise.all([
        perPair.get(pairKey(username, ip)),
        perIp.get(ip),
        perAccount.get(username),
      ]);
      if (pair && failures(pair) >= LOGIN_LIMITS.perAccountAndIp.points) throw refuse(pair);
      if (address && failures(address) >= LOGIN_LIMITS.perIp.points) throw refuse(address);
      if (!account || failures(account) < LOGIN_LIMITS.perAccount.points) return;
      // The account is under attack: an address that already failed on it waits for the window.
      if (failures(pair) > 0) throw refuse(account);
      try {
        await slowed.consume(username);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw refuse(err);
        throw err;
      }
    },
    async recordFailure(username: string, ip: string): Promise<void> {
      await Promise.all([
        perPair.penalty(pairKey(username, ip), 1),
        perIp.penalty(ip, 1),
        perAccount.penalty(username, 1),
      ]);
    },
    async recordSuccess(username: string, ip: string): Promise<void> {
      await Promise.all([perPair.delete(pairKey(username, ip)), perAccount.delete(username), slowed.delete(username)]);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
