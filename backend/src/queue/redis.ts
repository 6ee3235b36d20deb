import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/** Far above any command's normal time (well under a millisecond), so only a stalled server hits it. */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * The one place Redis connections are made. `blocking` connections (BullMQ workers) must
 * wait forever for a command rather than fail it after a number of retries.
 */
export function createRedis(url: string, opts: { blocking?: boolean; lazy?: boolean } = {}): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.blocking ? null : 3,
    // A stalled Redis (frozen, or its network blackholed) would leave a request hanging: fail the
    // command instead, which the API answers with 503. Blocking commands wait by design.
    commandTimeout: opts.blocking ? undefined : COMMAND_TIMEOUT_MS,
    enableReadyCheck: true,
    lazyConnect: opts.lazy ?? false,
    // Back off up to 2 s between reconnects; never give up — Redis coming back must heal the process.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  };
  const redis = new Redis(url, options);
  // Without a listener ioredis prints every failed reconnect; the platform reports an outage once
  // (ops/redis-outage.ts, on its main connection), and each command that fails says so to its caller.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * Subscribes `subscriber` to `channels` each time it (re)connects, so a Redis that is down at start
 * or later heals by itself instead of failing the process. `onSubscribed` runs after every
 * subscription; the promise resolves after the first.
 */
export function subscribeWhileConnected(
  subscriber: Redis,
  channels: string | string[],
  onSubscribed = () => {},
): Promise<void> {
  return new Promise((resolve) => {
    subscriber.on('ready', () => {
      subscriber.subscribe(...[channels].flat()).then(
        () => {
          onSubscribed();
          resolve();
        },
        // Lost again before the reply: the next 'ready' tries anew.
        () => undefined,
      );
    });
  });
}

/** Deletes every key under a prefix (tests and benchmarks clean up after themselves). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
