import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { slaStages } from '@lcfin/backend/requests/schema';
import { API, createTestPlatform, TEST_EPOCH, type TestPlatform } from '@lcfin/backend/testing/platform';
import { rearmLostTimers } from './processors/sla-reconciler';
import { scheduleTimers, timerJobId } from './processors/sla-timers';
import { startWorkers, type RunningWorkers } from './start';

/** The breach timer of a stage, as scheduled for its due time. */
const breachJob = (stage: { id: string; dueAt: Date }) =>
  timerJobId({ kind: 'breach', id: stage.id, at: stage.dueAt.toISOString() });

/** Timers make deadlines punctual; the reconciler makes them certain. Both, with real workers. */
let t: TestPlatform;
let workers: RunningWorkers;
beforeAll(async () => {
  // A reconciler that never runs by itself here, so the timer path is seen alone; tests run it explicitly.
  t = await createTestPlatform({ SLA_RECONCILE_MS: '600000' });
  workers = startWorkers(t.platform);
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
});

async function submit(): Promise<string> {
  t.setNow(TEST_EPOCH);
  const ent = await t.signIn('ent.demo');
  const res = await ent.agent
    .post(`${API}/loan-requests`)
    .set('x-csrf-token', ent.csrf)
    .send({
      amount: 500_000,
      termMonths: 12,
      purpose: '准时测试',
      collateral: 'credit',
      county: '371502',
      industry: 'C',
    })
    .expect(201);
  return res.body.id;
}

const respondStage = async (requestId: string) =>
  (await t.platform.db.select().from(slaStages).where(eq(slaStages.requestId, requestId)))[0]!;

describe('SLA timers', () => {
  it('schedules a reminder and a breach timer for each stage', async () => {
    const id = await submit();
    const stage = await respondStage(id);
    const jobs = await eventually(async () => {
      const found = await Promise.all(
        [
          { kind: 'remind' as const, at: stage.remindAt },
          { kind: 'breach' as const, at: stage.dueAt },
        ].map(({ kind, at }) =>
          t.platform.queues.slaTimers.getJob(timerJobId({ kind, id: stage.id, at: at.toISOString() })),
        ),
      );
      return found.every(Boolean) ? found : undefined;
    });
    expect(await jobs[1]!.getState()).toBe('delayed');
    // Three working hours of SLA time from now.
    expect(jobs[1]!.opts.delay).toBeGreaterThan(3 * 3600_000 - 60_000);
  });

  it('records a breach punctually when its timer fires', async () => {
    const id = await submit();
    const stage = await respondStage(id);
    await eventually(() => t.platform.queues.slaTimers.getJob(breachJob(stage)));
    await (await t.platform.queues.slaTimers.getJob(breachJob(stage)))!.remove();
    // Just before the due time, a timer one second away.
    t.setNow(new Date(stage.dueAt.getTime() - 1000));
    await scheduleTimers(t.platform.queues.slaTimers, t.platform.sla, [
      { kind: 'breach', id: stage.id, at: stage.dueAt.toISOString() },
    ]);
    const breached = await eventually(async () => {
      const s = await respondStage(id);
      return s.breachedAt ? s : undefined;
    }, 5000);
    expect(breached.outcome).toBe('breached');
    expect(breached.breachedAt!.getTime() - stage.dueAt.getTime()).toBeLessThan(2000);
  });

  it('re-arms the timers Redis lost from the database, a stretch ahead of the clock at a time, then stops', async () => {
    const id = await submit();
    const stage = await respondStage(id);
    const store = {
      db: t.platform.db,
      sla: t.platform.sla,
      redis: t.platform.redis,
      prefix: t.platform.config.REDIS_PREFIX,
      timers: t.platform.queues.slaTimers,
    };
    const marker = `${store.prefix}:sla-timers:armed`;
    const queue = t.platform.queues.slaTimers;
    await (await eventually(() => queue.getJob(breachJob(stage)))).remove();
    await t.platform.redis.del(marker);

    // Found lost three working hours before the breach: only the next minute or so is armed now.
    await rearmLostTimers(store);
    expect(await queue.getJob(breachJob(stage))).toBeUndefined();
    expect(await rearmLostTimers(store)).toBe(0);

    // Close to the due time, the stretch reaching it is armed, the reminder (overdue) with it.
    t.setNow(new Date(stage.dueAt.getTime() - 20_000));
    expect(await rearmLostTimers(store)).toBeGreaterThanOrEqual(2);
    const rearmed = (await queue.getJob(breachJob(stage)))!;
    expect(await rearmed.getState()).toBe('delayed');
    expect(rearmed.data).toEqual({ kind: 'breach', id: stage.id, at: stage.dueAt.toISOString() });
    expect(await rearmLostTimers(store)).toBe(0);

    // Past the furthest timer pending when the loss was found, Redis has them all again: nothing more to do.
    t.setNow(new Date(stage.dueAt.getTime() + 30 * 86_400_000));
    await rearmLostTimers(store);
    expect(await t.platform.redis.get(marker)).toBe('all');
    expect(await rearmLostTimers(store)).toBe(0);
  });

  it('lets the reconciler catch a breach whose timer was deleted from Redis', async () => {
    const id = await submit();
    const stage = await respondStage(id);
    const job = await eventually(() => t.platform.queues.slaTimers.getJob(breachJob(stage)));
    await job.remove();
    t.setNow(new Date(stage.dueAt.getTime() + 60_000));
    const handled = await reconcileDue(t.platform.db, t.platform.sla);
    expect(handled.breaches).toBeGreaterThanOrEqual(1);
    expect((await respondStage(id)).outcome).toBe('breached');
  });
});
