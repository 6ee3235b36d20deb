import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { inTransaction } from '../db/transaction';
import { createLogger } from '../logger';
import { createRedis } from '../queue/redis';
import { eventually } from '../testing/eventually';
import { createTestPlatform, type TestPlatform } from '../testing/platform';
import { listenForOutbox } from './listener';
import { OUTBOX_CHANNEL, outboxJobId, recordEvent, relayOutboxBatch } from './outbox';
import { outbox } from './schema';

const onPostgres = process.env.TEST_DATABASE === 'postgres';

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

describe('waking the relay (LISTEN/NOTIFY on PostgreSQL; on PGlite the relay polls)', () => {
  it.skipIf(!onPostgres)(
    'wakes the listener once per committed transaction, never for a rolled-back one, and again after a cut connection',
    async () => {
      const { db } = t.platform;
      let wakes = 0;
      const listener = listenForOutbox(t.config.DATABASE_URL!, () => wakes++, createLogger('silent'));
      try {
        // Once listening, it wakes the relay for whatever committed before.
        await eventually(async () => (wakes === 1 ? true : undefined));
        await expect(
          inTransaction(db, async (tx) => {
            await recordEvent(tx, event(300));
            throw new Error('the change fails');
          }),
        ).rejects.toThrow('fails');
        await inTransaction(db, async (tx) => {
          await recordEvent(tx, event(301));
          await recordEvent(tx, event(302));
        });
        await eventually(async () => (wakes === 2 ? true : undefined));
        await sleep(300);
        expect(wakes).toBe(2);

        await db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and query = ${`listen ${OUTBOX_CHANNEL}`}`,
        );
        // Listening again (and catching up), then woken by the next commit.
        await eventually(async () => (wakes === 3 ? true : undefined));
        await inTransaction(db, (tx) => recordEvent(tx, event(303)));
        await eventually(async () => (wakes === 4 ? true : undefined));
      } finally {
        await listener.stop();
      }
    },
  );
});
