import autocannon from 'autocannon';
import { assertLoopback } from './loopback';

export interface HttpLoadOptions {
  /** Must be a loopback URL: the harness only loads servers it started itself. */
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Untimed run before the measured one; defaults to the context's warm-up. */
  warmupSeconds?: number;
}

export interface HttpLoadResult {
  /** Completed requests per second over the measured window. */
  rps: number;
  /** Latency percentiles in ms, of 2xx responses only, at autocannon's whole-millisecond resolution. */
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  assertLoopback(options.url, 'httpLoad');

  const request = {
    url: options.url,
    connections: options.connections,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  };
  if (options.warmupSeconds) await autocannon({ ...request, duration: options.warmupSeconds });
  const result = await autocannon({ ...request, duration: options.seconds });
  return {
    // total ÷ duration rather than autocannon's mean of per-second samples, which a short window skews.
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
