import type { Database, Tx } from './client';

/**
 * The one way to run several writes atomically. Domain changes and their outbox
 * rows go through here so that they commit or roll back together.
 */
export function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
