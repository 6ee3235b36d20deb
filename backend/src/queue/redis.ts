import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/**
 * The one place Redis connections are made. `blocking` connections (BullMQ workers) must
 * wait forever for a command rather than fail it after a number of retries.
 */
export function createRedis(url: string, opts: { blocking?: boolean; lazy?: boolean } = {}): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.blocking ? null : 3,
    enableReadyCheck: true,
    lazyConnect: opts.lazy ?? false,
    // Back off up to 2 s between reconnects; never give up — Redis coming back must heal the process.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  };
  return new Redis(url, options);
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
