import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Database, Tx } from './client';

/** Writes queued by `writeAtCommit`, per transaction opened by `inTransaction`. */
const queuedWrites = new WeakMap<Tx, SQLWrapper[]>();
/** Queued writes sent at once at most: a bulk change still goes as modest statements. */
const MAX_QUEUED_WRITES = 32;

/**
 * The one way to run several writes atomically. Domain changes and their outbox
 * rows go through here so that they commit or roll back together.
 */
export function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    queuedWrites.set(tx, []);
    const result = await work(tx);
    await sendQueuedWrites(tx);
    return result;
  });
}

/**
 * Queues a write that nothing later in the transaction reads back — a timeline entry, an outbox
 * event, an audit row, a new SLA stage — to be sent with the others as one statement when the
 * transaction's work is done, instead of a round trip each: a claim's bookkeeping is six such
 * writes, and in a claim storm every round trip waits for a turn of a busy event loop. A queued
 * write that fails still fails the transaction, only later. Not for upserts that may meet the
 * same row twice in one transaction (PostgreSQL refuses that within one statement).
 */
export async function writeAtCommit(tx: Tx, write: SQLWrapper): Promise<void> {
  const writes = queued(tx);
  writes.push(write);
  if (writes.length >= MAX_QUEUED_WRITES) await sendQueuedWrites(tx);
}

/**
 * Sends `write` now, in one statement with the writes queued so far: for the write whose row every
 * concurrent transaction of its kind waits on (the supervision counts), which should be the last
 * statement before the commit so that it holds that lock as briefly as possible.
 */
export async function writeLast(tx: Tx, write: SQLWrapper): Promise<void> {
  queued(tx).push(write);
  await sendQueuedWrites(tx);
}

function queued(tx: Tx): SQLWrapper[] {
  const writes = queuedWrites.get(tx);
  if (!writes) throw new Error('queued writes need a transaction opened by inTransaction');
  return writes;
}

/** One statement: the last write is its main part, the others data-modifying CTEs (run to completion though unread). */
async function sendQueuedWrites(tx: Tx): Promise<void> {
  const writes = queued(tx).splice(0);
  const last = writes.pop();
  if (!last) return;
  const ctes = writes.map((write, i) => sql`${sql.identifier(`w${i}`)} as (${write.getSQL()})`);
  await tx.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last.getSQL()}` : last.getSQL());
}
