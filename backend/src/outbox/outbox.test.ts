import { Queue } from 'bullmq';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { inTransaction } from '../db/transaction';
import { createRedis } from '../queue/redis';
import { createTestPlatform, type TestPlatform } from '../testing/platform';
import { outboxJobId, recordEvent, relayOutboxBatch } from './outbox';
import { outbox } from './schema';

let t: TestPlatform;
let queue: Queue;
beforeAll(async () => {
  t = await createTestPlatform();
  // A queue of its own, so this test sees exactly the jobs it relays.
  queue = new Queue('outbox-test', { connection: createRedis(t.config.REDIS_URL), prefix: t.config.REDIS_PREFIX });
});
afterAll(async () => {
  await queue?.close();
  await t?.close();
});

const event = (n: number) => ({ type: 'test.happened', aggregateId: `agg-${n}`, payload: { n } });

describe('transactional outbox', () => {
  it('commits the domain change and its event together', async () => {
    const { db } = t.platform;
    await inTransaction(db, async (tx) => {
      await tx.update(users).set({ displayName: '平台管理员（已改名）' }).where(eq(users.username, 'admin'));
      await recordEvent(tx, event(1));
    });
    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    expect(admin!.displayName).toBe('平台管理员（已改名）');
    expect(await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-1'))).toHaveLength(1);
  });

  it('rolls back the domain change and its event together', async () => {
    const { db } = t.platform;
    await expect(
      inTransaction(db, async (tx) => {
        await tx.update(users).set({ displayName: '不应保存' }).where(eq(users.username, 'admin'));
        await recordEvent(tx, event(2));
        throw new Error('the change fails after the event was written');
      }),
    ).rejects.toThrow('fails');
    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    expect(admin!.displayName).not.toBe('不应保存');
    expect(await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-2'))).toHaveLength(0);
  });

  it('relays every row to BullMQ exactly once, even with relays racing and a row re-sent', async () => {
    const { db } = t.platform;
    await inTransaction(db, async (tx) => {
      for (let n = 100; n < 160; n++) await recordEvent(tx, event(n));
    });
    // Three relays at once, small batches: row locks must keep them apart.
    await Promise.all(
      [0, 1, 2].map(async () => {
        while ((await relayOutboxBatch(db, () => queue, 7)) > 0);
      }),
    );
    expect(await db.select().from(outbox).where(isNull(outbox.publishedAt))).toHaveLength(0);

    // A relay that added the jobs but crashed before marking them: the rows go out again.
    const [resent] = await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-100'));
    await db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, resent!.id));
    expect(await relayOutboxBatch(db, () => queue)).toBe(1);

    const rows = await db.select().from(outbox);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs).toHaveLength(rows.length);
    expect(new Set(jobs.map((j) => j.id))).toEqual(new Set(rows.map((r) => outboxJobId(r.id))));
    const job = await queue.getJob(outboxJobId(resent!.id));
    expect(job!.data).toMatchObject({ eventId: String(resent!.id), type: 'test.happened', payload: { n: 100 } });
  });
});
