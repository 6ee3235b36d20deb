import type { Executor } from '../db/client';
import { notifications } from './schema';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  /** The outbox event behind it: delivering the same event twice notifies once. */
  sourceEventId: string;
}

export async function notify(db: Executor, n: NewNotification): Promise<void> {
  await db.insert(notifications).values(n).onConflictDoNothing({ target: notifications.sourceEventId });
}
