import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createRedisOutageLog } from './redis-outage';

/** What a connection emits at each failed reconnect while Redis is down. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('the Redis outage log', () => {
  it('says once that Redis does not answer, however many sources fail how often, and once that it is back', () => {
    const lines: { level: string; msg: string }[] = [];
    const outages = createRedisOutageLog(
      createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }),
    );
    const connection = new EventEmitter();
    const worker = new EventEmitter();
    outages.watch(connection, 'redis');
    outages.watch(worker, 'sla-timers worker');
    for (let i = 0; i < 30; i++) {
      connection.emit('error', refused());
      worker.emit('error', refused());
    }
    outages.answered();
    outages.answered();
    worker.emit('error', new Error('Missing lock for job 7'));
    connection.emit('error', refused());
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'Redis does not answer; retrying until it does'],
      ['info', 'Redis answers again'],
      ['warn', 'sla-timers worker: Redis error'],
      ['error', 'Redis does not answer; retrying until it does'],
    ]);
  });
});
