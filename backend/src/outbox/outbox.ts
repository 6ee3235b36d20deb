import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import type { Database, Tx } from '../db/client';
import { inTransaction, writeAtCommit } from '../db/transaction';
import { outbox } from './schema';

export interface DomainEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** What a processor receives: the event plus the outbox row id, its idempotency key. */
export interface DomainEventJob extends DomainEvent {
  eventId: string;
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

/** BullMQ ids must not be bare integers; this one also makes a re-relayed row a no-op. */
export function outboxJobId(outboxId: number): string {
  return `outbox-${outboxId}`;
}

/**
 * Moves up to `limit` unpublished rows into the queue and marks them published, in order, in one
 * transaction: the marking update locks the rows (SKIP LOCKED, so concurrent relays never take the
 * same row), and a failed add rolls the marks back. If the commit fails after the add, the next
 * relay re-adds with the same job id, which BullMQ ignores.
 */
export async function relayOutboxBatch(
  db: Database,
  queueFor: (eventType: string) => Queue,
  limit = 100,
): Promise<number> {
  return inTransaction(db, async (tx) => {
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
          } satisfies DomainEventJob,
          opts: { jobId: outboxJobId(row.id) },
        })),
      );
    }
    return rows.length;
  });
}
