import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { forEachLimited } from '../bench/lib/api-client';
import { API, bearerToken, call, submitRequest, useScene, type Answer, type PrivateDatabase } from './harness';

/**
 * Fault 3: the API's database connections are ended by the server (pg_terminate_backend) while
 * requests are inside their transactions. The API must answer those with a clean 503, leave no
 * half-written request behind, and serve the next requests on fresh connections, without a restart.
 */
const APP = 'lcfin-chaos-api';

describe('the database connection dropped mid-request', () => {
  it('answers 503, leaves no partial write and recovers without a restart', async () => {
    const scene = useScene('fault 3');
    const { database, env } = await scene.stores();
    // The API's sessions are told apart from the test's own by their application_name.
    const api = await scene.api({ ...env, DATABASE_URL: `${database.url}?application_name=${APP}` });
    const token = await bearerToken(api.origin, 'ent.demo');
    const before = await submitRequest(api.origin, token, randomUUID());
    expect(before.status).toBe(201);
    scene.log('API started');

    // 1. Requests held inside their transaction: a lock on sla_stages stops each submission right
    //    after it inserted its request row; then the server ends every session of the API.
    const held = Array.from({ length: 12 }, () => randomUUID());
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table sla_stages in access exclusive mode');
      const answers = held.map((key) => submitRequest(api.origin, token, key));
      await eventually(async () => ((await waitingOnLocks(database)) >= held.length ? true : undefined), 20_000);
      const ended = await terminateApiSessions(database);
      expect(ended).toBeGreaterThanOrEqual(held.length);
      const statuses = (await Promise.all(answers)).map(describeAnswer);
      expect(statuses).toEqual(held.map(() => '503 SERVICE_UNAVAILABLE'));
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
    // Nothing of the interrupted transactions remains.
    expect(await requestsWithKeys(database, held)).toEqual([]);
    scene.log(`${held.length} requests held in their transactions answered 503; none stored`);

    // 2. Sessions ended at random points of a submission load, three times: every answer is a
    //    201 or a clean 503, and a 503 is safe to retry with the same Idempotency-Key.
    const keys = Array.from({ length: 60 }, () => randomUUID());
    const seen = new Map<string, number>();
    let stop = false;
    const terminator = (async () => {
      for (let round = 0; round < 3 && !stop; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        await terminateApiSessions(database);
      }
    })();
    await forEachLimited(keys, 10, async (key) => {
      const answer = await submitRequest(api.origin, token, key);
      const status = describeAnswer(answer);
      seen.set(status, (seen.get(status) ?? 0) + 1);
    });
    stop = true;
    await terminator;
    scene.log(`sessions ended under load: answers ${JSON.stringify(Object.fromEntries(seen))}`);
    expect([...seen.keys()].filter((s) => s !== '201' && s !== '503 SERVICE_UNAVAILABLE')).toEqual([]);

    // 3. The same process serves the next requests on fresh connections: the held and the load's
    //    requests retried with their keys all succeed, each written exactly once and whole.
    const retried = await Promise.all([...held, ...keys].map((key) => submitRequest(api.origin, token, key)));
    expect(retried.map(describeAnswer).filter((s) => s !== '201')).toEqual([]);
    const list = await call(api.origin, 'GET', `${API}/loan-requests?pageSize=100`, { token });
    expect(list.status).toBe(200);
    expect(api.running()).toBe(true);

    const rows = await requestsWithKeys(database, [...held, ...keys]);
    expect(rows).toHaveLength(held.length + keys.length);
    expect(rows.filter((r) => r.stages !== 1 || r.timeline !== 1 || r.events !== 1)).toEqual([]);
    // Each retried answer names the one request stored under its key.
    const idByKey = new Map(rows.map((r) => [r.key, r.id]));
    expect(retried.map((a, i) => a.body.id === idByKey.get([...held, ...keys][i]!)).every(Boolean)).toBe(true);
    scene.log('every retry stored once and whole, by the same process');
  });
});

function describeAnswer(answer: Answer): string {
  return answer.status === 201 ? '201' : `${answer.status} ${answer.body.error?.code ?? JSON.stringify(answer.body)}`;
}

async function waitingOnLocks(database: PrivateDatabase): Promise<number> {
  const rows = await database.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
      where datname = $1 and application_name = $2 and wait_event_type = 'Lock'`,
    [database.name, APP],
  );
  return rows[0]!.n;
}

/** Ends every session of the API on its database, as a failover or an operator would; returns how many. */
async function terminateApiSessions(database: PrivateDatabase): Promise<number> {
  const rows = await database.query<{ ended: boolean }>(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and application_name = $2`,
    [database.name, APP],
  );
  return rows.filter((r) => r.ended).length;
}

/** The requests stored under these keys, with how many respond stages, timeline entries and outbox events each has. */
async function requestsWithKeys(database: PrivateDatabase, keys: string[]) {
  return database.query<{
    id: string;
    key: string;
    stages: number;
    timeline: number;
    events: number;
  }>(
    `select r.id, r.idempotency_key as key,
            (select count(*)::int from sla_stages s where s.request_id = r.id) as stages,
            (select count(*)::int from request_events e where e.request_id = r.id and e.to_status = 'submitted') as timeline,
            (select count(*)::int from outbox o
              where o.aggregate_id = r.id::text and o.event_type = 'loan_request.submitted') as events
       from loan_requests r where r.idempotency_key = any($1)`,
    [keys],
  );
}
