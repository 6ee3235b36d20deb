import { and, asc, desc, gt, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { UsageLimits } from '../http/limits';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { outbox } from '../outbox/schema';
import { readStreamEvent, STREAM_EVENT_TYPES } from './audience';
import { StreamClient, type StreamHub } from './hub';

/** Missed events replayed on reconnect, at most; a client further behind reloads its lists. */
const MAX_REPLAY = 1000;
/**
 * Streams one account may hold open at once, across API processes (a person's tabs and devices);
 * each costs memory and a share of every event's fan-out. A stream's place is renewed with each
 * heartbeat and lapses if its process dies.
 */
export const STREAM_LIMIT = { max: 10, retryAfter: 30 };
/** setTimeout's longest delay; a stream outliving it reconnects, which is harmless. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function streamRoutes(deps: {
  db: Database;
  hub: StreamHub;
  heartbeatMs: number;
  limits: UsageLimits;
}): RouteDef[] {
  const { db, hub, heartbeatMs } = deps;
  const takeStreamPlace = deps.limits.concurrency('streams', {
    max: STREAM_LIMIT.max,
    leaseSeconds: Math.ceil((heartbeatMs * 3) / 1000),
    retryAfter: STREAM_LIMIT.retryAfter,
  });
  return [
    defineRoute({
      method: 'get',
      path: '/stream',
      tag: 'stream',
      summary:
        'Server-Sent Events for the signed-in user: pool.added, pool.removed, request.updated. Send Last-Event-ID to resume. ' +
        `A stream closes when the session or token it was opened with ends; at most ${STREAM_LIMIT.max} per account at once (429).`,
      access: 'authenticated',
      query: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      errors: ['RATE_LIMITED'],
      produces: {
        'text/event-stream': z.string().openapi({
          description:
            'Events `id: <n>`, `event: <type>`, `data: <JSON>`; a fresh client first gets `ready` with the id to resume from',
        }),
      },
      handler: async ({ actor, query, req, res }) => {
        const header = Number(req.headers['last-event-id']);
        const lastEventId = Number.isInteger(header) && header >= 0 ? header : query.lastEventId;
        const place = await takeStreamPlace(actor.id);
        // The route is authenticated, and every authenticated request carries its credential.
        const credential = req.credential!;
        const client = new StreamClient({ actor, counties: actor.countiesServed }, credential, res);

        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          // Reverse proxies must pass events through at once.
          'X-Accel-Buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        hub.add(client);
        const heartbeat = setInterval(() => {
          if (!res.writableEnded) res.write(': heartbeat\n\n');
          // A renewal lost to a Redis hiccup only lets the place lapse early.
          place.renew().catch(() => undefined);
        }, heartbeatMs);
        const lapse = credential.expiresAt
          ? setTimeout(() => client.close(), Math.min(credential.expiresAt.getTime() - Date.now(), MAX_TIMER_MS))
          : undefined;
        res.on('close', () => {
          clearInterval(heartbeat);
          clearTimeout(lapse);
          hub.remove(client);
          // A release lost to a Redis hiccup lapses with the lease.
          place.release().catch(() => undefined);
        });

        const types = [...STREAM_EVENT_TYPES];
        if (lastEventId === undefined) {
          // A fresh client learns where the stream stands, so that a reconnect can resume from here.
          const [latest] = await db.select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1);
          if (res.writableEnded) return;
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
        client.finishReplay(missed.map((r) => readStreamEvent(String(r.id), r.eventType, r.payload)));
      },
    }),
  ];
}
