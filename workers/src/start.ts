import { Worker } from 'bullmq';
import type { PlatformCore } from '@lcfin/backend/core';
import { recordFailure, resolveFailures, retryDelayMs } from '@lcfin/backend/ops/failing-work';
import { QUEUE_NAMES } from '@lcfin/backend/queue/queues';
import { createRedis } from '@lcfin/backend/queue/redis';
import { isStreamEventType } from '@lcfin/backend/stream/audience';
import { publishStreamEvent } from '@lcfin/backend/stream/hub';
import { startCalendarWatch } from './processors/calendar-watch';
import { createDomainEventProcessor } from './processors/domain-events';
import { logFailure } from './processors/failures';
import { startOutboxRelay } from './processors/outbox-relay';
import { startSlaReconciler } from './processors/sla-reconciler';
import { startSubmissionReconciler } from './processors/submission-reconciler';
import { createSlaTimerProcessor, scheduleTimers } from './processors/sla-timers';

/** How often the workers look for requests whose matcher job was lost (see submission-reconciler.ts). */
const SUBMISSION_RECONCILE_MS = 15_000;
/** How often the workers look at the working calendars (calendar-watch.ts). */
const CALENDAR_WATCH_MS = 60_000;

export interface RunningWorkers {
  /** Graceful: stops taking work, lets in-flight jobs finish, then closes connections. */
  close(): Promise<void>;
}

/** Starts every processor of the platform on the given platform's database and queues. */
export function startWorkers(
  platform: Pick<PlatformCore, 'config' | 'db' | 'queues' | 'logger' | 'redis' | 'redisOutages' | 'sla' | 'catalog'>,
): RunningWorkers {
  const { config, db, queues, logger, redis, redisOutages, sla, catalog } = platform;
  const connection = createRedis(config.REDIS_URL, { blocking: true });
  const processor = createDomainEventProcessor({
    db,
    catalog,
    sla,
    publish: (event) => publishStreamEvent(redis, config.REDIS_PREFIX, event),
    scheduleTimers: (timers) => scheduleTimers(queues.slaTimers, sla, timers),
  });
  // Every queue's jobs back off at the pace of all failing work.
  const settings = { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade) };
  const domainEvents = new Worker(QUEUE_NAMES.domainEvents, processor, {
    connection,
    prefix: config.REDIS_PREFIX,
    settings,
    // A matcher job mostly waits on PostgreSQL (~40 ms, a few ms of CPU), so a worker process of its own
    // runs several at once. Where the workers share the API's process (npm start) under heavy load, fewer
    // leave the API its connections and event loop (bench/RESULTS.md, pool-latency).
    concurrency: config.MATCHER_CONCURRENCY,
  });
  const streamEvents = new Worker(QUEUE_NAMES.streamEvents, processor, {
    connection,
    prefix: config.REDIS_PREFIX,
    settings,
    // One at a time, in outbox order: clients must receive stream events in the order they happened.
    concurrency: 1,
  });
  // ...across every worker process too: the limit lives in Redis, so it is set again at each start (a
  // flushed Redis forgets it).
  queues.streamEvents
    .setGlobalConcurrency(1)
    .catch((err: unknown) => logger.warn({ err }, 'stream-events global concurrency not set'));
  for (const [worker, what] of [
    [domainEvents, '领域事件处理'],
    [streamEvents, '实时推送'],
  ] as const) {
    // Each failed try is failing work (ops/failing-work.ts): paced, and alerted once if it goes on.
    worker.on('failed', (job, error) => {
      if (!job) return;
      const key = `job:${worker.name}:${job.id}`;
      void recordFailure(db, { key, what, error })
        .catch(() => undefined)
        .then((failure) => logFailure(logger, `${worker.name} job ${job.id} (${job.name})`, error, failure));
    });
    worker.on('completed', (job) => {
      if (job.attemptsMade > 0)
        resolveFailures(db, [`job:${worker.name}:${job.id}`]).catch((err: unknown) =>
          logger.warn({ err }, 'could not mark failing work resolved'),
        );
    });
  }
  const timers = new Worker(QUEUE_NAMES.slaTimers, createSlaTimerProcessor(db, sla), {
    connection,
    prefix: config.REDIS_PREFIX,
    settings,
    concurrency: 8,
  });
  timers.on('failed', (job, err) => logger.warn({ err, jobId: job?.id }, 'SLA timer failed'));
  for (const worker of [domainEvents, streamEvents, timers]) redisOutages.watch(worker, `${worker.name} worker`);
  const relay = startOutboxRelay({
    db,
    databaseUrl: config.DATABASE_URL,
    queueFor: (eventType) => (isStreamEventType(eventType) ? queues.streamEvents : queues.domainEvents),
    redis,
    prefix: config.REDIS_PREFIX,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
  });
  const reconciler = startSlaReconciler({
    db,
    sla,
    logger,
    intervalMs: config.SLA_RECONCILE_MS,
    expiryWorkingDays: config.REQUEST_EXPIRY_WORKING_DAYS,
    redis,
    prefix: config.REDIS_PREFIX,
    timers: queues.slaTimers,
  });
  const submissions = startSubmissionReconciler({ db, logger, intervalMs: SUBMISSION_RECONCILE_MS });
  const calendarWatch = startCalendarWatch({ db, sla, logger, intervalMs: CALENDAR_WATCH_MS });

  return {
    async close() {
      await relay.stop();
      await reconciler.stop();
      await submissions.stop();
      await calendarWatch.stop();
      await Promise.all([domainEvents.close(), streamEvents.close(), timers.close()]);
      connection.disconnect();
    },
  };
}
