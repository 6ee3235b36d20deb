import { and, asc, desc, gt, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { outbox } from '../outbox/schema';
import { STREAM_EVENT_TYPES, type StreamEvent } from './audience';
import { StreamClient, type StreamHub } from './hub';

/** Missed events replayed on reconnect, at most; a client further behind reloads its lists. */
const MAX_REPLAY = 1000;

export function streamRoutes(deps: { db: Database; hub: StreamHub; heartbeatMs: number }): RouteDef[] {
  const { db, hub, heartbeatMs } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/stream',
      tag: 'stream',
      summary:
        'Server-Sent Events for the signed-in user: pool.added, pool.removed, request.updated. Send Last-Event-ID to resume.',
      access: 'authenticated',
      query: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      handler: async ({ actor, query, req, res }) => {
        const header = Number(req.headers['last-event-id']);
        const lastEventId = Number.isInteger(header) && header >= 0 ? header : query.lastEventId;
        const client = new StreamClient({ actor, counties: actor.countiesServed }, res);

        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          // Reverse proxies must pass events through at once.
          'X-Accel-Buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        hub.add(client);
        const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
        req.on('close', () => {
          clearInterval(heartbeat);
          hub.remove(client);
        });

        const types = [...STREAM_EVENT_TYPES];
        if (lastEventId === undefined) {
          // A fresh client learns where the stream stands, so that a reconnect can resume from here.
          const [latest] = await db.select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1);
          res.write(`id: ${latest?.id ?? 0}\nevent: ready\ndata: {}\n\n`);
          client.finishReplay([]);
          return;
        }
        const missed = await db
          .select()
          .from(outbox)
          .where(and(gt(outbox.id, lastEventId), inArray(outbox.eventType, types)))
          .orderBy(asc(outbox.id))
          .limit(MAX_REPLAY);
        client.finishReplay(
          missed.map((r): StreamEvent => ({ id: String(r.id), type: r.eventType, payload: r.payload })),
        );
      },
    }),
  ];
}
