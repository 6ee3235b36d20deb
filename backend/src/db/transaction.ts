import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database, Tx } from './client';
import { changedSinceRead } from './errors';

/** Writes queued by `writeAtCommit`, per transaction opened by `inTransaction`. */
const queuedWrites = new WeakMap<Tx, SQLWrapper[]>();
/** Queued writes sent at once at most: a bulk change still goes as modest statements. */
const MAX_QUEUED_WRITES = 32;
/** The batches of `inOneStatement`, whose writes all wait for its one statement; and what they expect. */
const expectations = new WeakMap<Tx, Expectation[]>();

interface Expectation {
  write: SQLWrapper;
  rows: number;
}

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
  if (writes.length >= MAX_QUEUED_WRITES && !expectations.has(tx)) await sendQueuedWrites(tx);
}

/**
 * Sends `write` now, in one statement with the writes queued so far: for the write whose row every
 * concurrent transaction of its kind waits on (the supervision counts), which should be the last
 * statement before the commit so that it holds that lock as briefly as possible.
 */
export async function writeLast(tx: Tx, write: SQLWrapper): Promise<void> {
  queued(tx).push(write);
  if (!expectations.has(tx)) await sendQueuedWrites(tx);
}

/**
 * `work`'s writes as one statement and no more — no transaction around it, so one round trip: for
 * a change decided on what was read just before it (a claim, from its claim state). `work` queues
 * every write on the batch it is given (`writeAtCommit`, `writeLast`, `expectChange`); a read it
 * makes runs at once, outside the statement, and it must not write any other way. The expected
 * changes run first, in the order given (so they take their row locks in that order), and each must
 * change as many rows as it says; when one does not — the data changed since it was read — the
 * statement fails in the database (`assert_as_read`), none of it stays, and this returns null.
 */
export async function inOneStatement<T>(db: Database, work: (batch: Tx) => Promise<T>): Promise<T | null> {
  // The batch builds queries as the database does (it inherits its builders); nothing runs on it.
  const batch = Object.create(db) as Tx;
  queuedWrites.set(batch, []);
  expectations.set(batch, []);
  const result = await work(batch);
  const expected = expectations.get(batch)!;
  const ctes = [
    ...expected.map(({ write }, i) => sql`${sql.identifier(`e${i}`)} as (${write.getSQL()})`),
    ...queued(batch).map((write, i) => sql`${sql.identifier(`w${i}`)} as (${write.getSQL()})`),
  ];
  // Nested, so each expectation is checked (and its write run) only once the one before held.
  const asRead = expected.reduceRight<SQL>(
    (rest, { rows }, i) =>
      sql`case when (select count(*) from ${sql.identifier(`e${i}`)}) = ${rows} then ${rest} else false end`,
    sql`true`,
  );
  try {
    await db.execute(sql`with ${sql.join(ctes, sql`, `)} select assert_as_read(${asRead})`);
  } catch (err) {
    if (changedSinceRead(err)) return null;
    throw err;
  }
  return result;
}

/** In `inOneStatement`: `write` (an UPDATE … RETURNING) must change exactly `rows` rows, or nothing is done. */
export function expectChange(batch: Tx, write: SQLWrapper, rows: number): void {
  const expected = expectations.get(batch);
  if (!expected) throw new Error('expectChange needs a batch opened by inOneStatement');
  expected.push({ write, rows });
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
