import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Latencies in milliseconds, kept in a nanosecond histogram (as lib/closed-loop.ts does) so that
 * percentiles of hundreds of thousands of samples cost no sorting and keep sub-millisecond detail.
 */
export class Latencies {
  private readonly histogram: RecordableHistogram = createHistogram();
  /** Samples below 1 ns (e.g. an event observed before the response that names it), clamped to 1 ns. */
  clamped = 0;

  record(ms: number): void {
    const ns = Math.round(ms * 1e6);
    if (ns < 1) this.clamped++;
    this.histogram.record(Math.max(1, ns));
  }

  recordNs(ns: bigint): void {
    this.histogram.record(ns > 0n ? ns : 1n);
  }

  get count(): number {
    return this.histogram.count;
  }

  /** The p-th percentile in ms; 0 without samples. */
  percentile(p: number): number {
    return this.histogram.count ? this.histogram.percentile(p) / 1e6 : 0;
  }

  get max(): number {
    return this.histogram.count ? this.histogram.max / 1e6 : 0;
  }
}
