import { createHistogram } from 'node:perf_hooks';

export interface ClosedLoopResult {
  operations: number;
  /** Wall time from start until the last in-flight operation finished. */
  elapsedSeconds: number;
  perSecond: number;
  /** Latency percentiles in ms (nanosecond histogram, so sub-millisecond values are kept). */
  p50: number;
  p95: number;
  p99: number;
}

/**
 * `concurrency` workers each run `operation` back to back until `seconds` have passed: a fixed
 * number of clients, as a connection pool sees them. The first error stops every worker and is
 * rethrown once all of them have returned, so nothing keeps using a pool that is being closed.
 */
export async function runClosedLoop(options: {
  concurrency: number;
  seconds: number;
  operation: (worker: number) => Promise<void>;
}): Promise<ClosedLoopResult> {
  const histogram = createHistogram();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let failure: { error: unknown } | undefined;

  const worker = async (index: number) => {
    while (!failure && performance.now() < deadline) {
      const begun = process.hrtime.bigint();
      try {
        await options.operation(index);
      } catch (error) {
        failure ??= { error };
        return;
      }
      histogram.record(process.hrtime.bigint() - begun);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  if (failure) throw failure.error;

  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    operations: histogram.count,
    elapsedSeconds,
    perSecond: histogram.count / elapsedSeconds,
    p50: histogram.percentile(50) / 1e6,
    p95: histogram.percentile(95) / 1e6,
    p99: histogram.percentile(99) / 1e6,
  };
}
