import { count, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { offsetOf, PageQuery, pageOf, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { notifications } from './schema';

const NotificationView = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

/** The notification centre: each user reads only their own. */
export function notificationRoutes({ db }: { db: Database }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/notifications',
      tag: 'notifications',
      summary: "The signed-in user's notifications, newest first",
      access: 'authenticated',
      query: PageQuery,
      response: pageSchema(NotificationView),
      handler: async ({ actor, query }) => {
        const mine = eq(notifications.userId, actor.id);
        const [rows, [total]] = await Promise.all([
          db
            .select()
            .from(notifications)
            .where(mine)
            .orderBy(desc(notifications.createdAt))
            .limit(query.pageSize)
            .offset(offsetOf(query)),
          db.select({ n: count() }).from(notifications).where(mine),
        ]);
        return pageOf(
          rows.map((n) => ({
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            createdAt: n.createdAt.toISOString(),
            readAt: n.readAt?.toISOString() ?? null,
          })),
          total!.n,
          query,
        );
      },
    }),
  ];
}
