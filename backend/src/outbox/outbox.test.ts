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
import type { DomainEvent } from './catalogue';
import { listenForOutbox } from './listener';
import { OUTBOX_CHANNEL, outboxJobId, recordEvent, relayOutboxBatch, type RelayTarget } from './outbox';
import { outbox, outboxRelay } from './schema';

const onPostgres = process.env.TEST_DATABASE === 'postgres';

let t: TestPlatform;
let queue: Queue;
let relay: RelayTarget;
beforeAll(async () => {
  t = await createTestPlatform();
  // A queue of its own, so this test sees exactly the jobs it relays.
  queue = new Queue('outbox-test', { connection: createRedis(t.config.REDIS_URL), prefix: t.config.REDIS_PREFIX });
  const { db, redis, config } = t.platform;
  relay = { db, queueFor: () => queue, redis, prefix: config.REDIS_PREFIX, logger: createLogger('silent') };
});
afterAll(async () => {
  await queue?.close();
  await t?.close();
});

/** A catalogued event that asks nothing of its consumers: the outbox and the relay do not look inside. */
const event = (n: number): DomainEvent => ({
  type: 'sla.timers_needed',
  aggregateId: `agg-${n}`,
  payload: { timers: [] },
});

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
        while ((await relayOutboxBatch(relay, 7)) > 0);
      }),
    );
    expect(await db.select().from(outbox).where(isNull(outbox.publishedAt))).toHaveLength(0);

    // A relay that added the jobs but crashed before marking them: the rows go out again.
    const [resent] = await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-100'));
    await db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, resent!.id));
    expect(await relayOutboxBatch(relay)).toBe(1);

    const rows = await db.select().from(outbox);
    const [state] = await db.select().from(outboxRelay);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs).toHaveLength(rows.length);
    expect(new Set(jobs.map((j) => j.id))).toEqual(new Set(rows.map((r) => outboxJobId(state!.incarnation, r.id))));
    const job = await queue.getJob(outboxJobId(state!.incarnation, resent!.id));
    expect(job!.data).toMatchObject({ eventId: String(resent!.id), type: 'sla.timers_needed', aggregateId: 'agg-100' });
  });
});

describe('a database restored from a backup while Redis keeps its jobs', () => {
  it('relays the rows it records again under new job ids, and what it had not relayed when backed up', async () => {
    const { db } = t.platform;
    const jobOf = async (id: number) => {
      const [state] = await db.select().from(outboxRelay);
      return queue.getJob(outboxJobId(state!.incarnation, id));
    };
    while ((await relayOutboxBatch(relay)) > 0);
    await inTransaction(db, (tx) => recordEvent(tx, event(400)));
    // The backup: the outbox (one row not yet relayed), its id sequence and the relay's row.
    const [backup] = await db.select().from(outboxRelay);
    const [pending] = await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-400'));

    // After the backup the platform goes on: the pending row and a new one are relayed.
    await inTransaction(db, (tx) => recordEvent(tx, event(401)));
    expect(await relayOutboxBatch(relay)).toBe(2);
    const [lost] = await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-401'));

    // The restore: what came after the backup is gone from the database, not from Redis.
    await db.delete(outbox).where(eq(outbox.id, lost!.id));
    await db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, pending!.id));
    await db.execute(sql`select setval(pg_get_serial_sequence('outbox', 'id'), ${pending!.id})`);
    await db.update(outboxRelay).set(backup!);

    await inTransaction(db, (tx) => recordEvent(tx, event(402)));
    const [reused] = await db.select().from(outbox).where(eq(outbox.aggregateId, 'agg-402'));
    expect(reused!.id).toBe(lost!.id);
    expect(await relayOutboxBatch(relay)).toBe(2);
    const [after] = await db.select().from(outboxRelay);
    expect(after!.incarnation).not.toBe(backup!.incarnation);
    expect((await jobOf(reused!.id))?.data).toMatchObject({ aggregateId: 'agg-402' });
    expect((await jobOf(pending!.id))?.data).toMatchObject({ aggregateId: 'agg-400' });

    // From then on, the new incarnation is the database's history: nothing goes out twice.
    await inTransaction(db, (tx) => recordEvent(tx, event(403)));
    expect(await relayOutboxBatch(relay)).toBe(1);
    expect((await db.select().from(outboxRelay))[0]!.incarnation).toBe(after!.incarnation);
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
