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
export const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const domainEvents = new Queue(QUEUE_NAMES.domainEvents, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: false,
    },
  });
  const streamEvents = new Queue(QUEUE_NAMES.streamEvents, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: false,
    },
  });
  const slaTimers = new Queue(QUEUE_NAMES.slaTimers, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: 1000,
    },
  });
  return {
    domainEvents,
    streamEvents,
    slaTimers,
    close: async () => {
      await Promise.all([domainEvents.close(), streamEvents.close(), slaTimers.close()]);
    },
  };
}
