import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { outboxJobId } from '@lcfin/backend/outbox/outbox';
import { API, bearerToken, drained, submitRequest, useScene, type PrivateDatabase } from './harness';

/**
 * Fault 5: SIGTERM to the API and to the workers while applicants are submitting and an event
 * stream is open. Both must stop on their own (exit 0, within the grace period), every request
 * answered 201 must be stored, no answer may be a 5xx other than a clean 503, and after a restart
 * every accepted request is matched and every relayed job completes.
 */
const CLIENTS = 8;
/** Accepted submissions before the signal: the load is in full swing. */
const ACCEPTED_BEFORE_SIGNAL = 40;
/** process.ts exits with 1 if shutting down takes longer than this. */
const GRACE_MS = 25_000;

type Outcome = { key: string; status: number | 'no answer'; code?: string; id?: string };

describe('graceful shutdown under load', () => {
  it('loses no accepted request and no job when the API and the workers get SIGTERM', async () => {
    const scene = useScene('fault 5');
    const { database, env } = await scene.stores();
    const [api, workers] = await Promise.all([scene.api(env), scene.workers(env)]);
    const token = await bearerToken(api.origin, 'ent.demo');
    scene.log('processes started');

    // An open event stream, as every signed-in browser holds one: it must not keep the API from stopping.
    const stream = await fetch(`${api.origin}${API}/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const streamEnded = stream.body!.pipeTo(new WritableStream()).then(
      () => 'ended',
      () => 'cut',
    );

    const outcomes: Outcome[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        // A client keeps its key until a 201: a 503, a refused or a cut connection leaves it unsure
        // whether the request was stored, so it retries with the same key.
        let key = randomUUID();
        while (!stop) {
          try {
            const { status, body } = await submitRequest(api.origin, token, key);
            outcomes.push({ key, status, code: body.error?.code, id: body.id as string | undefined });
            if (status === 201) key = randomUUID();
          } catch {
            outcomes.push({ key, status: 'no answer' });
            await sleep(50);
          }
        }
      }),
    );
    await eventually(
      async () => (outcomes.filter((o) => o.status === 201).length >= ACCEPTED_BEFORE_SIGNAL ? true : undefined),
      60_000,
    );
    scene.log(`${outcomes.length} submissions answered; SIGTERM to both`);
    const signalledAt = Date.now();
    api.kill('SIGTERM');
    workers.kill('SIGTERM');
    const [apiExit, workersExit] = await Promise.all([api.exited, workers.exited]);
    const shutdownMs = Date.now() - signalledAt;
    stop = true;
    await load;
    scene.log(`both stopped after ${shutdownMs} ms`);

    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(workersExit).toEqual({ code: 0, signal: null });
    expect(shutdownMs).toBeLessThan(GRACE_MS);
    expect(['ended', 'cut']).toContain(await streamEnded);
    const answered = outcomes.filter((o) => o.status !== 'no answer');
    expect(answered.filter((o) => o.status !== 201 && !(o.status === 503 && o.code === 'SERVICE_UNAVAILABLE'))).toEqual(
      [],
    );

    // Restarted, the clients retry the keys that got no 201 yet.
    const [api2] = await Promise.all([scene.api(env), scene.workers(env)]);
    scene.log('restarted');
    const ids = new Map(outcomes.filter((o) => o.status === 201).map((o) => [o.key, o.id!]));
    const unsure = new Set(outcomes.filter((o) => !ids.has(o.key)).map((o) => o.key));
    for (const key of unsure) {
      const { status, body } = await submitRequest(api2.origin, token, key);
      expect(status).toBe(201);
      ids.set(key, body.id as string);
    }

    // Every accepted request is stored once under its key, with the id its 201 named, and matched.
    // (Only this test's keys: an empty demo database also gets the living demo's weeks of requests.)
    const stored = await database.query<{ key: string; id: string; status: string }>(
      `select idempotency_key as key, id, status from loan_requests where idempotency_key = any($1)`,
      [[...outcomes.map((o) => o.key)]],
    );
    expect(stored).toHaveLength(ids.size);
    expect(stored.filter((r) => ids.get(r.key) !== r.id)).toEqual([]);
    await eventually(
      async () => ((await countOpen(database, [...ids.values()])) === ids.size ? true : undefined),
      60_000,
    );

    // Every event was relayed, and every relayed job completed; none failed or was left behind.
    const queues = scene.queues(env);
    await eventually(async () => {
      const [unpublished] = await database.query<{ n: number }>(
        `select count(*)::int as n from outbox where published_at is null`,
      );
      return unpublished!.n === 0 && (await drained(queues.domainEvents, queues.streamEvents)) ? true : undefined;
    }, 60_000);
    const events = await database.query<{ id: number }>(`select id::int from outbox`);
    // No restore here: every event went out under the database's one incarnation.
    const [relay] = await database.query<{ incarnation: string }>(`select incarnation from outbox_relay`);
    const states = await Promise.all(
      events.map(async ({ id }) => {
        const jobId = outboxJobId(relay!.incarnation, id);
        const job = (await queues.domainEvents.getJob(jobId)) ?? (await queues.streamEvents.getJob(jobId));
        return job ? await job.getState() : 'missing';
      }),
    );
    expect(states.filter((s) => s !== 'completed')).toEqual([]);
    const tally = new Map<string, number>();
    for (const o of outcomes) {
      const answer = o.status === 503 ? `503 ${o.code}` : String(o.status);
      tally.set(answer, (tally.get(answer) ?? 0) + 1);
    }
    scene.log(
      `every accepted request matched, every job completed; answers during the run ${JSON.stringify([...tally])}`,
    );
  });
});

async function countOpen(database: PrivateDatabase, ids: string[]): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `select count(*)::int as n from loan_requests where status = 'open' and id = any($1::uuid[])`,
    [ids],
  );
  return row!.n;
}
