import type { Database } from '../db/client';
import { PageQuery } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { listNotifications, markAllRead, markRead } from './service';
import { NotificationPage, NotificationView, ReadAll } from './views';

/** The notification centre: each user reads, and marks read, only their own. */
export function notificationRoutes({ db }: { db: Database }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/notifications',
      tag: 'notifications',
      summary: "The signed-in user's notifications, newest first (`unread=true`: only unread); `unread` counts them",
      access: 'authenticated',
      query: PageQuery.extend({ unread: z.enum(['true', 'false']).default('false') }),
      response: NotificationPage,
      handler: ({ actor, query }) => listNotifications(db, actor.id, { ...query, unread: query.unread === 'true' }),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/read-all',
      tag: 'notifications',
      summary: "Marks all of the signed-in user's notifications read",
      access: 'authenticated',
      response: ReadAll,
      handler: ({ actor }) => markAllRead(db, actor.id),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/:id/read',
      tag: 'notifications',
      summary: 'Marks one notification read (idempotent); 404 for another user’s',
      access: 'authenticated',
      params: z.object({ id: z.string().uuid() }),
      response: NotificationView,
      handler: ({ actor, params }) => markRead(db, actor.id, params.id),
    }),
  ];
}
