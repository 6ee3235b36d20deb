import type { Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import type { Redis } from '@lcfin/backend/queue/redis';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { pendingTimers } from '@lcfin/backend/sla/pending-timers';
import type { SlaContext } from '@lcfin/backend/sla/stages';
import { startPollingLoop } from './polling-loop';
import { scheduleTimers } from './sla-timers';

/** Timers fire within milliseconds of the due time; what is later than this they have missed. */
const TIMER_GRACE_MS = 1_000;
/**
 * Under the platform's prefix, so it goes with the timers: present while Redis holds every pending
 * timer. A flushed (or new) Redis lacks it, and the worker that sets it again re-arms the timers.
 */
const ARMED_KEY = 'sla-timers:armed';
/** Delayed jobs per `addBulk` when re-arming, and stages per page read. */
const REARM_BATCH = 1_000;

interface TimerStore {
  db: Database;
  sla: SlaContext;
  redis: Redis;
  prefix: string;
  timers: Queue;
}

/**
 * Schedules every pending timer again from the database, soonest first, if Redis has lost them
 * (flushed, or new); returns how many it scheduled (0 when Redis still had them). One worker wins
 * the key and re-arms; should it die midway, the reconciler's passes still catch every deadline.
 */
export async function rearmLostTimers({ db, sla, redis, prefix, timers }: TimerStore): Promise<number> {
  if ((await redis.set(`${prefix}:${ARMED_KEY}`, new Date().toISOString(), 'NX')) === null) return 0;
  let count = 0;
  for await (const page of pendingTimers(db, REARM_BATCH)) {
    await scheduleTimers(timers, sla, page);
    count += page.length;
  }
  return count;
}

/**
 * Periodically records every reminder and breach that is due and unhandled. The database holds
 * the deadlines, so this alone guarantees nothing is missed, whatever happened to Redis. When
 * Redis has lost the timers it also re-arms them, so that what falls due afterwards is punctual
 * again rather than a pass late.
 */
export function startSlaReconciler(deps: TimerStore & { logger: Logger; intervalMs: number }) {
  const { db, sla, logger, intervalMs } = deps;
  return startPollingLoop({
    name: 'SLA reconciliation',
    intervalMs,
    logger,
    pass: async () => {
      const started = Date.now();
      const rearmed = await rearmLostTimers(deps);
      if (rearmed > 0) logger.info({ timers: rearmed, ms: Date.now() - started }, 'SLA timers re-armed');
      const { failed, ...handled } = await reconcileDue(db, sla, { graceMs: TIMER_GRACE_MS });
      for (const { id, error } of failed)
        logger.warn({ err: error, id }, 'SLA reconciliation of one item failed; will retry');
      if (handled.reminders + handled.breaches + handled.exclusiveEnded > 0) logger.info(handled, 'SLA reconciled');
    },
  });
}
