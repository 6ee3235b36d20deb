import { createRedis, deleteKeysWithPrefix, type Redis } from '@lcfin/backend/queue/redis';
import { redactUrl } from './config';
import { randomTag } from './random-tag';

export interface RedisScope {
  url: string;
  /** `bench:<random>`; keep every key under `<prefix>:` (BullMQ's `prefix` option does). */
  prefix: string;
  /** A client for direct commands. */
  redis: Redis;
  /**
   * Opens another client on the same server, closed when the scope ends. BullMQ workers need
   * `blocking` ones; BullMQ never closes clients it was handed, so the scope does.
   */
  connect(options?: { blocking?: boolean }): Redis;
}

export async function withRedisPrefix<T>(url: string, fn: (scope: RedisScope) => Promise<T>): Promise<T> {
  const clients: Redis[] = [];
  const connect = (options: { blocking?: boolean } = {}): Redis => {
    const client = createRedis(url, options);
    // Connection errors already reject the commands that hit them; this only silences ioredis' console dump.
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const redis = connect();
  try {
    // Fails after a few retries when Redis is down, before any blocking client is opened.
    await redis.ping().catch((error: Error) => {
      throw new Error(`Redis at ${redactUrl(url)} is unreachable: ${error.message}`);
    });
    const prefix = `bench:${randomTag()}`;
    try {
      return await fn({ url, prefix, redis, connect });
    } finally {
      await deleteKeysWithPrefix(redis, `${prefix}:`);
    }
  } finally {
    // disconnect, not quit: quit waits for a reconnect forever when Redis went away mid-run.
    for (const client of clients) client.disconnect();
  }
}
