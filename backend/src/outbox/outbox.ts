import { randomUUID } from 'node:crypto';
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import type { Database, Tx } from '../db/client';
import { inTransaction, writeAtCommit } from '../db/transaction';
import type { Logger } from '../logger';
import type { Redis } from '../queue/redis';
import type { DomainEvent, EventType } from './catalogue';
import { outbox, outboxRelay } from './schema';

/**
 * What the relay queues: an outbox row as stored, with its id (the processors' idempotency key).
 * Processors read the payload through the catalogue (`readEvent`).
 */
export interface OutboxJob {
  eventId: string;
  type: EventType;
  aggregateId: string;
  payload: unknown;
}

/** The NOTIFY channel that wakes the relays (outbox/listener.ts) when events commit. */
export const OUTBOX_CHANNEL = 'outbox_recorded';

/** Records an event inside the caller's transaction: it exists if and only if the change commits. */
export async function recordEvent(tx: Tx, event: DomainEvent): Promise<void> {
  await writeAtCommit(
    tx,
    tx
      .insert(outbox)
      .values({ eventType: event.type, aggregateId: event.aggregateId, payload: event.payload })
      // In the same statement, to save a round trip; PostgreSQL sends it on commit only, once per transaction.
      .returning({ notified: sql`pg_notify(${OUTBOX_CHANNEL}, '')` }),
  );
}

/**
 * BullMQ ids must not be bare integers. The row id makes a re-relayed row a no-op; the incarnation
 * keeps apart the rows of two databases (or of one database before and after a restore) that got the
 * same id, in one Redis, where completed jobs are kept a week.
 */
export function outboxJobId(incarnation: string, outboxId: number): string {
  return `outbox-${incarnation}-${outboxId}`;
}

export interface RelayTarget {
  db: Database;
  queueFor: (eventType: EventType) => Queue;
  /** Where the relay counts its committed batches: the Redis of the queues, under their prefix. */
  redis: Redis;
  prefix: string;
  logger: Logger;
}

const relayedBatchesKey = (prefix: string, incarnation: string) => `${prefix}:outbox-relay:${incarnation}`;

/** Raises the count Redis keeps, never lowers it: two relays' counts may arrive out of order. */
const RAISE_RELAYED_BATCHES = `
local seen = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > seen then redis.call('SET', KEYS[1], ARGV[1]) end`;

/**
 * Moves up to `limit` unpublished rows into the queue and marks them published, in order, in one
 * transaction, and returns how many. One relay works at a time (the others skip their pass: this one
 * drains what they would have taken), and a failed add rolls the marks back. If the commit fails
 * after the add, the next relay re-adds with the same job ids, which BullMQ ignores.
 *
 * Each committed batch is counted in the database (outbox_relay) and then in Redis. A Redis that
 * counted more batches of this incarnation than the database did has seen a history the database no
 * longer has — it was restored from a backup, or copied — and holds completed jobs under the ids the
 * database will use again: the relay then moves to a new incarnation, so those rows are not taken
 * for done. (A Redis that counted fewer, or none, lost jobs, not the database.)
 */
export async function relayOutboxBatch(target: RelayTarget, limit = 100): Promise<number> {
  const { db, queueFor, redis, prefix, logger } = target;
  const relayed = await inTransaction(db, async (tx) => {
    const [state] = await tx.select().from(outboxRelay).for('update', { skipLocked: true });
    if (!state) return undefined;
    const unpublished = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(outbox)
      .set({ publishedAt: sql`now()` })
      .where(inArray(outbox.id, unpublished))
      .returning();
    if (!rows.length) return undefined;

    const seen = Number(await redis.get(relayedBatchesKey(prefix, state.incarnation)));
    const restored = seen > state.relayedBatches;
    const incarnation = restored ? randomUUID() : state.incarnation;
    const batch = restored ? 1 : state.relayedBatches + 1;
    if (restored) {
      logger.warn(
        { seen, remembered: state.relayedBatches, incarnation },
        'Redis has seen outbox batches this database does not remember (restored from a backup?): ' +
          'relaying under a new incarnation, so that no event is taken for done',
      );
    }
    await tx.update(outboxRelay).set({ incarnation, relayedBatches: batch });

    // Each queue receives its rows in outbox order.
    rows.sort((a, b) => a.id - b.id);
    const byQueue = new Map<Queue, typeof rows>();
    for (const row of rows)
      byQueue.set(queueFor(row.eventType), [...(byQueue.get(queueFor(row.eventType)) ?? []), row]);
    for (const [queue, queued] of byQueue) {
      await queue.addBulk(
        queued.map((row) => ({
          name: row.eventType,
          data: {
            eventId: String(row.id),
            type: row.eventType,
            aggregateId: row.aggregateId,
            payload: row.payload,
          } satisfies OutboxJob,
          opts: { jobId: outboxJobId(incarnation, row.id) },
        })),
      );
    }
    return { count: rows.length, incarnation, batch };
  });
  if (!relayed) return 0;
  await redis.eval(RAISE_RELAYED_BATCHES, 1, relayedBatchesKey(prefix, relayed.incarnation), relayed.batch);
  return relayed.count;
}
