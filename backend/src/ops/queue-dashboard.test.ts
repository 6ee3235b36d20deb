import { Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../queue/queues';
import { createRedis } from '../queue/redis';
import { createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { QUEUE_DASHBOARD_PATH } from './paths';

const BOARD_API = `${QUEUE_DASHBOARD_PATH}/api`;

let t: TestPlatform;
let admin: SignedIn;
let officer: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [admin, officer] = await Promise.all([t.signIn('admin'), t.signIn('officer.lcrcb')]);
});
afterAll(async () => {
  await t?.close();
});

/** A job of the platform's SLA timer queue that a real worker ran and that failed: what the dashboard retries. */
async function failedJob(): Promise<Job> {
  const queue = t.platform.queues.slaTimers;
  const connection = createRedis(t.config.REDIS_URL, { blocking: true });
  const worker = new Worker(
    QUEUE_NAMES.slaTimers,
    async () => {
      throw new Error('the test makes this timer fail');
    },
    { connection, prefix: t.config.REDIS_PREFIX },
  );
  try {
    const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    const job = await queue.add('dashboard-test', { stageId: 'none' }, { attempts: 1 });
    await failed;
    return job;
  } finally {
    await worker.close();
    connection.disconnect();
  }
}

describe('the queue dashboard', () => {
  it('sends a guest to sign in, and answers its calls 401', async () => {
    const page = await t.api.get(QUEUE_DASHBOARD_PATH).set('Accept', 'text/html').expect(302);
    expect(page.headers.location).toBe('/login');
    const call = await t.api.get(`${BOARD_API}/queues`).set('Accept', 'application/json').expect(401);
    expect(call.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('is refused to every role but the platform admin', async () => {
    expect((await officer.agent.get(QUEUE_DASHBOARD_PATH).expect(403)).body.error.code).toBe('FORBIDDEN');
    await officer.agent.get(`${BOARD_API}/queues`).expect(403);
  });

  it("shows the admin the platform's queues with their failed job, and retries it from the same origin", async () => {
    const page = await admin.agent.get(QUEUE_DASHBOARD_PATH).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="root">');

    const job = await failedJob();
    const { body } = await admin.agent.get(`${BOARD_API}/queues?activeQueue=${QUEUE_NAMES.slaTimers}&status=failed`);
    const byName = new Map(
      (body.queues as { name: string; counts: Record<string, number>; jobs: { id: string }[] }[]).map((q) => [
        q.name,
        q,
      ]),
    );
    expect([...byName.keys()].sort()).toEqual(Object.values(QUEUE_NAMES).sort());
    const timers = byName.get(QUEUE_NAMES.slaTimers)!;
    expect(timers.counts.failed).toBe(1);
    expect(timers.jobs.map((j) => j.id)).toEqual([job.id]);

    // bull-board's page sends no CSRF token: a write must come from a page of this origin.
    const retry = `${BOARD_API}/queues/${QUEUE_NAMES.slaTimers}/${job.id}/retry`;
    const crossSite = await admin.agent
      .put(retry)
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Origin', 'https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await admin.agent.put(retry).set('Origin', 'https://evil.example')).status).toBe(403);
    expect((await admin.agent.put(retry)).status).toBe(403);
    expect(await job.getState()).toBe('failed');

    await admin.agent.put(retry).set('Sec-Fetch-Site', 'same-origin').expect(204);
    expect(await job.getState()).toBe('waiting');
    await job.remove();
  });

  it('refuses a cross-site write to a whole queue too', async () => {
    const clean = `${BOARD_API}/queues/${QUEUE_NAMES.domainEvents}/clean/completed`;
    await admin.agent.put(clean).set('Sec-Fetch-Site', 'same-site').expect(403);
    await admin.agent
      .post(`${BOARD_API}/queues/${QUEUE_NAMES.domainEvents}/add`)
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
  });
});
