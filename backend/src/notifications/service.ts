import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { notifications } from './schema';
import type { NotificationPage, NotificationView, ReadAll } from './views';

/** Worded when written (title and body), or facts the reader's web app words (params by kind). */
export type NewNotification = {
  userId: string;
  kind: string;
  /** The outbox event behind it: delivering the same event twice notifies once. */
  sourceEventId: string;
  /** When it was told: now, unless it is history written after the fact (the living demo). */
  createdAt?: Date;
} & ({ title: string; body: string } | { params: Record<string, unknown> });

export async function notify(db: Executor, n: NewNotification): Promise<void> {
  await db.insert(notifications).values(n).onConflictDoNothing({ target: notifications.sourceEventId });
}

type NotificationRow = typeof notifications.$inferSelect;

function notificationView(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    params: n.params,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

const unread = isNull(notifications.readAt);

/** A page of the user's notifications (maybe only the unread), newest first, with how many are unread. */
export async function listNotifications(
  db: Executor,
  userId: string,
  query: { unread: boolean; page: number; pageSize: number },
): Promise<NotificationPage> {
  const mine = eq(notifications.userId, userId);
  const where = query.unread ? and(mine, unread) : mine;
  const [rows, [total], [unreadCount]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(notifications).where(where),
    db.select({ n: count() }).from(notifications).where(and(mine, unread)),
  ]);
  return { ...pageOf(rows.map(notificationView), total!.n, query), unread: unreadCount!.n };
}

/** Marks one of the user's notifications read (again: no change); another user's does not exist for them. */
export async function markRead(db: Executor, userId: string, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  return notificationView(row);
}

/** Marks every unread notification of the user read; says how many were. */
export async function markAllRead(db: Executor, userId: string): Promise<ReadAll> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), unread))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
