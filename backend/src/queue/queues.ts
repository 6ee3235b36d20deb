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
  const queue = (name: string, attempts: number, removeOnFail: boolean | number) =>
    new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail,
      },
    });
  const domainEvents = queue(QUEUE_NAMES.domainEvents, 10, false);
  const streamEvents = queue(QUEUE_NAMES.streamEvents, 10, false);
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
