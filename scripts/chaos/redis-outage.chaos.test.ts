import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@lcfin/backend/accounts/demo-accounts';
import { eventually } from '@lcfin/backend/testing/eventually';
import { forEachLimited } from '../bench/lib/api-client';
import { timerJobId } from '@lcfin/workers/processors/sla-timers';
import { API, bearerToken, call, submitRequest, useScene, type PrivateDatabase } from './harness';

/**
 * Fault 1: Redis stops answering for 30 s (SIGSTOP on a redis-server of the test's own: connections
 * stay open, nothing answers) while 100 requests are submitted. The database holds every submission
 * and its outbox event, so nothing waits for Redis; what needs Redis answers a clean 503 instead of
 * hanging. After Redis returns, the workers deliver every event: each request is matched once and
 * its SLA timers are scheduled.
 */
const OUTAGE_MS = 30_000;
const REQUESTS = 100;

describe('Redis stopped for 30 s during submissions', () => {
  it('persists all 100 once, then matches each and schedules its deadlines', async () => {
    const scene = useScene('fault 1');
    const redis = await scene.redisServer();
    const { database, env } = await scene.stores(redis.url);
    const api = await scene.api(env);
    const workers = await scene.workers(env);
    const token = await bearerToken(api.origin, 'ent.demo');

    scene.log('processes started; Redis stopped');
    redis.pause();
    const stoppedAt = Date.now();
    const resumed = sleep(OUTAGE_MS).then(() => redis.resume());

    // What needs Redis fails fast and cleanly rather than hanging.
    const ready = await call(api.origin, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    const login = await call(api.origin, 'POST', `${API}/auth/tokens`, {
      json: { username: 'ent.demo', password: DEMO_PASSWORD },
    });
    expect([login.status, login.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);

    // 100 submissions, each retried with its Idempotency-Key on a 503, as a client should.
    const keys = Array.from({ length: REQUESTS }, () => randomUUID());
    const ids = new Map<string, string>();
    const statuses = new Map<number, number>();
    await forEachLimited(keys, 10, async (key) => {
      for (;;) {
        const answer = await submitRequest(api.origin, token, key);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 201) return void ids.set(key, answer.body.id as string);
        if (answer.status !== 503)
          throw new Error(`submission answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        await sleep(1_000);
      }
    });
    const submittedWithin = Date.now() - stoppedAt;
    scene.log(`${REQUESTS} submissions answered, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(submittedWithin).toBeLessThan(OUTAGE_MS);
    await resumed;
    scene.log('Redis back');

    // After Redis is back: every request is open in the pool, with its reminder and breach timers.
    const requestIds = [...ids.values()];
    await eventually(async () => ((await openCount(database, requestIds)) === REQUESTS ? true : undefined), 90_000);
    const stages = await database.query<{ id: string; remind_at: Date; due_at: Date }>(
      `select id, remind_at, due_at from sla_stages where request_id = any($1) and stage = 'respond'`,
      [requestIds],
    );
    expect(stages).toHaveLength(REQUESTS);
    scene.log('every request matched');
    const queues = scene.queues(env);
    const scheduled = await eventually(async () => {
      const jobs = await Promise.all(
        stages.flatMap((s) => [
          queues.slaTimers
            .getJob(timerJobId({ kind: 'remind', id: s.id, at: s.remind_at.toISOString() }))
            .then((job) => job?.data.at === s.remind_at.toISOString()),
          queues.slaTimers
            .getJob(timerJobId({ kind: 'breach', id: s.id, at: s.due_at.toISOString() }))
            .then((job) => job?.data.at === s.due_at.toISOString()),
        ]),
      );
      const found = jobs.filter(Boolean).length;
      return found === 2 * REQUESTS ? found : undefined;
    }, 30_000);
    expect(scheduled).toBe(2 * REQUESTS);
    // 0 lost, 0 duplicated: one request per key, each matched once; both processes lived through it.
    const perKey = await database.query<{ key: string; n: number; opened: number }>(
      `select r.idempotency_key as key, count(*)::int as n,
              sum((select count(*) from request_events e where e.request_id = r.id and e.to_status = 'open'))::int as opened
         from loan_requests r where r.idempotency_key = any($1) group by r.idempotency_key`,
      [keys],
    );
    expect(perKey).toHaveLength(REQUESTS);
    expect(perKey.filter((r) => r.n !== 1 || r.opened !== 1)).toEqual([]);
    expect([api.running(), workers.running()]).toEqual([true, true]);
    scene.log('every deadline scheduled; 0 lost, 0 duplicated');
  });
});

async function openCount(database: PrivateDatabase, ids: string[]): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `select count(*)::int as n from loan_requests where id = any($1) and status = 'open'`,
    [ids],
  );
  return row!.n;
}
