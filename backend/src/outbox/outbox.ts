import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
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

/** Records an event inside the caller's transaction: it exists if and only if the change commits. */
export async function recordEvent(tx: Tx, event: DomainEvent): Promise<void> {
  await tx.insert(outbox).values({ eventType: event.type, aggregateId: event.aggregateId, payload: event.payload });
}

/** BullMQ ids must not be bare integers; this one also makes a re-relayed row a no-op. */
export function outboxJobId(outboxId: number): string {
  return `outbox-${outboxId}`;
}

/**
 * Moves up to `limit` unpublished rows into the queue and marks them published, in order.
 * Rows are locked (SKIP LOCKED) so concurrent relays never take the same row; if marking fails
 * after the add, the next relay re-adds with the same job id, which BullMQ ignores.
 */
export async function relayOutboxBatch(
  db: Database,
  queueFor: (eventType: string) => Queue,
  limit = 100,
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    // Each queue receives its rows in outbox order.
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
    const ids = rows.map((r) => r.id);
    await tx
      .update(outbox)
      .set({ publishedAt: sql`now()` })
      .where(and(inArray(outbox.id, ids), isNull(outbox.publishedAt)));
    return rows.length;
  });
}
