import { isUnavailable } from '../http/errors';
import type { Logger } from '../logger';

interface ErrorSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * While Redis is unreachable every connection fails at each reconnect attempt (every 2 s), and ioredis
 * and BullMQ print each failure with its stack unless someone listens: about 7 MB an hour for
 * `npm start`. The platform listens to its connections, queues and workers, and says it once when
 * Redis stops answering and once when it answers again; other errors are logged as they come.
 */
export function createRedisOutageLog(logger: Logger) {
  let down = false;
  return {
    /** Listens to the errors of a connection, queue or worker. */
    watch(source: ErrorSource, what: string): void {
      source.on('error', (err) => {
        if (!isUnavailable(err)) {
          logger.warn({ err }, `${what}: Redis error`);
          return;
        }
        if (down) return;
        down = true;
        logger.error({ error: err.message }, 'Redis does not answer; retrying until it does');
      });
    },
    /** A connection is ready (again): ends the outage it reported. */
    answered(): void {
      if (!down) return;
      down = false;
      logger.info('Redis answers again');
    },
  };
}

export type RedisOutageLog = ReturnType<typeof createRedisOutageLog>;
