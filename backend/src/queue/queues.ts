import { Queue, type ConnectionOptions } from 'bullmq';

/** Every BullMQ queue of the platform is named and created here. */
export const QUEUE_NAMES = {
  /** Domain events relayed from the outbox, one job per outbox row. */
  domainEvents: 'domain-events',
  /** Events users see live (GET /stream): published one at a time, in outbox order. */
  streamEvents: 'stream-events',
  /** Delayed jobs that make SLA reminders, breaches and window ends punctual (the database stays the truth). */
  slaTimers: 'sla-timers',
} as const;

export interface Queues {
  domainEvents: Queue;
  streamEvents: Queue;
  slaTimers: Queue;
  close(): Promise<void>;
}

/** Completed jobs are kept a week so a re-relayed outbox row (same job id) is recognised as done. */
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };

/**
 * The backoff of a job that keeps failing: the workers compute it (`retryDelayMs`, the same pace
 * as every other failing work), since BullMQ's exponential backoff has no ceiling.
 */
const FAILING_WORK_BACKOFF = 'failing-work';

/**
 * Events are retried until they succeed, however long the cause takes to fix: a lost event would
 * be a request that never reaches the pool. SLA timers give up after a few tries, as the
 * reconciler handles whatever is due from the database.
 */
const EVENT_ATTEMPTS = Number.MAX_SAFE_INTEGER;

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const queue = (name: string, attempts: number, removeOnFail: boolean | number) =>
    new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts,
        backoff: { type: FAILING_WORK_BACKOFF },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail,
      },
    });
  const domainEvents = queue(QUEUE_NAMES.domainEvents, EVENT_ATTEMPTS, false);
  const streamEvents = queue(QUEUE_NAMES.streamEvents, EVENT_ATTEMPTS, false);
  const slaTimers = queue(QUEUE_NAMES.slaTimers, 5, 1000);
  return {
    domainEvents,
    streamEvents,
    slaTimers,
    close: async () => {
      await Promise.all([domainEvents.close(), streamEvents.close(), slaTimers.close()]);
    },
  };
}
