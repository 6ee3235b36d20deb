import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { BenchSuite } from '../suite';

const QUEUE = 'baseline';
const CONCURRENCY = 16;
const BATCH_SIZE = 100;
/** Bounds Redis memory (~10 MB of jobs) when the producer outruns the worker. */
const MAX_BACKLOG = 20_000;
const DRAIN_TIMEOUT_MS = 30_000;
const POLL_MS = 5;

/** Jobs added by the producer and finished by the worker (updated by its events), since the start. */
interface Progress {
  added: number;
  completed: number;
  failed: number;
}

const unfinished = (progress: Progress) => progress.added - progress.completed - progress.failed;

export const baselineBullmq: BenchSuite = {
  name: 'baseline.bullmq',
  title: 'Baseline: raw BullMQ queue + worker',
  run: (ctx) =>
    ctx.withRedisPrefix(async ({ prefix, connect }) => {
      const errors: Error[] = [];
      const queue = new Queue(QUEUE, { connection: connect(), prefix, defaultJobOptions: { removeOnComplete: true } });
      const worker = new Worker(QUEUE, async () => undefined, {
        connection: connect({ blocking: true }),
        prefix,
        concurrency: CONCURRENCY,
      });
      const progress: Progress = { added: 0, completed: 0, failed: 0 };
      worker.on('completed', () => progress.completed++);
      worker.on('failed', () => progress.failed++);
      // Without listeners an 'error' event would crash the run instead of failing the suite.
      queue.on('error', (error) => errors.push(error));
      worker.on('error', (error) => errors.push(error));
      try {
        await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
        await produceFor(queue, progress, ctx.warmupSeconds);
        await waitUntilDrained(progress);
        const window = await produceFor(queue, progress, ctx.seconds);
        if (errors[0]) throw errors[0];

        ctx.note(
          `Producer: one \`addBulk\` of ${BATCH_SIZE} jobs in flight at a time, paused while more than ` +
            `${MAX_BACKLOG.toLocaleString('en-US')} jobs were unfinished (paused ${(100 * window.throttledFraction).toFixed(0)}% ` +
            'of the window; above 0% the add rate is capped by the worker rather than measured).',
        );
        ctx.note(
          `Worker: concurrency ${CONCURRENCY}, processor returns at once, \`removeOnComplete: true\`. Producer and worker ` +
            "share the runner process, each on its own Redis connection (plus the worker's blocking one).",
        );
        return [
          { metric: 'baseline.bullmq.added_per_s', value: window.added / window.seconds, unit: 'jobs/s' },
          { metric: 'baseline.bullmq.completed_per_s', value: window.completed / window.seconds, unit: 'jobs/s' },
          { metric: 'baseline.bullmq.failed', value: window.failed, unit: 'jobs' },
        ];
      } finally {
        await worker.close();
        await queue.close();
      }
    }),
};

/** Adds batches until `seconds` have passed; counts what was added and finished in that window. */
async function produceFor(queue: Queue, progress: Progress, seconds: number) {
  const before = { ...progress };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let throttledMs = 0;
  while (performance.now() < deadline) {
    if (unfinished(progress) >= MAX_BACKLOG) {
      await sleep(POLL_MS);
      throttledMs += POLL_MS;
      continue;
    }
    const batch = Array.from({ length: BATCH_SIZE }, (_, i) => ({ name: 'noop', data: { n: progress.added + i } }));
    await queue.addBulk(batch);
    progress.added += BATCH_SIZE;
  }
  const elapsedMs = performance.now() - started;
  return {
    seconds: elapsedMs / 1000,
    added: progress.added - before.added,
    completed: progress.completed - before.completed,
    failed: progress.failed - before.failed,
    throttledFraction: throttledMs / elapsedMs,
  };
}

/** The measured window starts with nothing in flight, so warm-up jobs do not count as its completions. */
async function waitUntilDrained(progress: Progress): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (unfinished(progress) > 0) {
    if (Date.now() > deadline) throw new Error(`warm-up jobs not processed within ${DRAIN_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
}
