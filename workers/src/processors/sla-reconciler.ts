import type { Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import type { Redis } from '@lcfin/backend/queue/redis';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { logFailure } from './failures';
import { furthestPendingTimer, pendingTimers } from '@lcfin/backend/sla/pending-timers';
import type { SlaContext } from '@lcfin/backend/clock/clock';
import { startPollingLoop } from './polling-loop';
import { scheduleTimers } from './sla-timers';

/** Timers fire within milliseconds of the due time; what is later than this they have missed. */
const TIMER_GRACE_MS = 1_000;
/**
 * Under the platform's prefix, so it goes with the timers. `all`: Redis holds every pending timer
 * (each change schedules its own). `<through>/<until>` (epoch ms): Redis lost its timers; those due
 * up to `through` are armed again, the rest up to `until` (the furthest one then pending) follow.
 * Absent: Redis lost its timers (flushed, or new).
 */
const ARMED_KEY = 'sla-timers:armed';
const ARMED_ALL = 'all';
/**
 * Lost timers are armed again this far ahead of the clock, a stretch at a time, so a large backlog
 * never goes to Redis, or through a worker's memory, at once; each is armed at least half of this
 * before it falls due (the reconciler runs every second or so).
 */
const REARM_AHEAD_MS = 60_000;
/** Delayed jobs per `addBulk` when re-arming, and stages per page read. */
const REARM_BATCH = 200;

/**
 * Takes the next stretch to re-arm, atomically, so racing workers never arm the same one: returns
 * its bounds and moves the marker on, or nothing while the armed stretch still reaches far enough.
 */
const TAKE_STRETCH = `
local armed = redis.call('GET', KEYS[1])
if not armed or armed == '${ARMED_ALL}' then return false end
local through, till = string.match(armed, '^(%d+)/(%d+)$')
through, till = tonumber(through), tonumber(till)
local now, ahead = tonumber(ARGV[1]), tonumber(ARGV[2])
if through >= now + ahead / 2 then return false end
local upto = math.min(now + ahead, till)
if upto >= till then redis.call('SET', KEYS[1], '${ARMED_ALL}')
else redis.call('SET', KEYS[1], string.format('%d/%d', upto, till)) end
return {string.format('%d', through), string.format('%d', upto)}`;

interface TimerStore {
  db: Database;
  sla: SlaContext;
  redis: Redis;
  prefix: string;
  timers: Queue;
}

/**
 * Schedules again, from the database, the pending timers Redis has lost (flushed, or new): on
 * finding the loss, everything pending then, soonest first, a stretch ahead of the clock per call;
 * returns how many it scheduled (0 when Redis has them all). Should a worker die midway, the
 * reconciler's due-time passes still catch every deadline.
 */
export async function rearmLostTimers({ db, sla, redis, prefix, timers }: TimerStore): Promise<number> {
  const key = `${prefix}:${ARMED_KEY}`;
  const marker = await redis.get(key);
  if (marker === ARMED_ALL) return 0;
  if (marker === null) {
    const furthest = await furthestPendingTimer(db);
    // One worker records the loss; every worker then takes stretches of it. The database may keep
    // microseconds: the last stretch ends a millisecond past the furthest timer.
    await redis.set(key, furthest ? `0/${furthest.getTime() + 1}` : ARMED_ALL, 'NX');
  }
  const stretch = (await redis.eval(TAKE_STRETCH, 1, key, String(sla.now().getTime()), String(REARM_AHEAD_MS))) as
    [string, string] | null;
  if (!stretch) return 0;
  const [after, through] = stretch.map((ms) => new Date(Number(ms)));
  let count = 0;
  for await (const page of pendingTimers(db, { after, through: through! }, REARM_BATCH)) {
    await scheduleTimers(timers, sla, page);
    count += page.length;
  }
  return count;
}

/**
 * Periodically records every reminder and breach that is due and unhandled (and ends exclusive
 * hours, and expires requests nobody took). The database holds
 * the deadlines, so this alone guarantees nothing is missed, whatever happened to Redis. When
 * Redis has lost the timers it also re-arms them, so that what falls due afterwards is punctual
 * again rather than a pass late.
 */
export function startSlaReconciler(
  deps: TimerStore & { logger: Logger; intervalMs: number; expiryWorkingDays: number },
) {
  const { db, sla, logger, intervalMs, expiryWorkingDays } = deps;
  return startPollingLoop({
    name: 'SLA reconciliation',
    intervalMs,
    logger,
    pass: async () => {
      const started = Date.now();
      const rearmed = await rearmLostTimers(deps);
      if (rearmed > 0) logger.info({ timers: rearmed, ms: Date.now() - started }, 'SLA timers re-armed');
      const { failed, ...handled } = await reconcileDue(db, sla, { graceMs: TIMER_GRACE_MS, expiryWorkingDays });
      for (const { id, error, failure } of failed) logFailure(logger, `SLA item ${id}`, error, failure);
      if (Object.values(handled).some((n) => n > 0)) logger.info(handled, 'SLA reconciled');
    },
  });
}
