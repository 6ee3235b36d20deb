import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@lcfin/backend/config';
import { createRedis, type Redis } from '@lcfin/backend/queue/redis';
import { QUEUE_NAMES } from '@lcfin/backend/queue/queues';
import { eventually } from '@lcfin/backend/testing/eventually';
import { API, createTestPlatform, ORDINARY_NEED, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from './start';

/**
 * Redis Cluster (and cluster proxies) run a Lua script or MULTI only on keys of one hash slot, and
 * BullMQ's scripts touch many keys of a queue at once: every key of a queue must share a slot. The
 * default prefix is a hash tag, so every key the platform writes — queues, sessions, login limits —
 * lands in one slot. A private Redis holds only this platform's keys, so a key written outside the
 * prefix shows up too.
 */
const DEFAULT_PREFIX = loadConfig({}).REDIS_PREFIX;

let redisServer: ChildProcess;
let redis: Redis;
let t: TestPlatform;
let workers: RunningWorkers;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  redisServer = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  redis = createRedis(url);
  await eventually(async () => ((await redis.ping().catch(() => undefined)) === 'PONG' ? true : undefined));
  t = await createTestPlatform({ REDIS_URL: url, REDIS_PREFIX: DEFAULT_PREFIX });
  workers = startWorkers(t.platform);
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
  redis?.disconnect();
  redisServer?.kill();
});

async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

describe('Redis keys under the default prefix', () => {
  it('is a hash tag', () => {
    expect(DEFAULT_PREFIX).toMatch(/^\{[^{}]+\}/);
  });

  it('puts every key the platform writes — each queue, sessions, login limits — in one cluster slot', async () => {
    // A failed login (limiter keys), a session, and a loan request: outbox → matcher → stream events
    // and the SLA stage's delayed timers.
    await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'wrong-password' }).expect(401);
    const ent = await t.signIn('ent.demo');
    const submitted = await ent.agent
      .post(`${API}/loan-requests`)
      .set('x-csrf-token', ent.csrf)
      .send(ORDINARY_NEED)
      .expect(201);
    await eventually(async () => {
      const view = await ent.agent.get(`${API}/loan-requests/${submitted.body.id}`);
      const timers = await t.platform.queues.slaTimers.getDelayedCount();
      return view.body.status === 'open' && timers > 0 ? true : undefined;
    });

    const keys = await allKeys();
    const under = (part: string) => keys.filter((k) => k.startsWith(`${DEFAULT_PREFIX}:${part}`));
    // What the run wrote, so the slot check below is about real keys of each kind.
    for (const queue of Object.values(QUEUE_NAMES)) expect(under(`${queue}:`).length).toBeGreaterThan(1);
    expect(under('sess:').length).toBeGreaterThan(0);
    expect(under('rl:').length).toBeGreaterThan(0);

    expect(keys.filter((k) => !k.startsWith(`${DEFAULT_PREFIX}:`))).toEqual([]);
    expect(new Set(keys.map((k) => calculateSlot(k)))).toEqual(new Set([calculateSlot(DEFAULT_PREFIX)]));
  });
});
