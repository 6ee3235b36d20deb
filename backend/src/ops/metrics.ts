import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client';
import { failingWorkFigures } from './failing-work';

/** Prometheus metrics of one platform instance (its own registry, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const observe: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      // The matched route pattern, not the raw URL, keeps label cardinality bounded.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };

  return { registry, observe };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Background work that keeps failing (ops/failing-work.ts), read from the database at each scrape:
 * the workers that record it may run in other processes. Alert on the counter's increase.
 */
export function registerFailingWorkMetrics({ registry }: Metrics, db: Database): void {
  let figures: Promise<{ failing: number; alerts: number }> | undefined;
  // One query per scrape for both metrics.
  const read = () => (figures ??= failingWorkFigures(db).finally(() => setTimeout(() => (figures = undefined))));
  new Gauge({
    name: 'lcfin_failing_work',
    help: 'Background work items (SLA items, queued jobs) failing now and being retried with backoff',
    registers: [registry],
    async collect() {
      this.set((await read()).failing);
    },
  });
  new Counter({
    name: 'lcfin_failing_work_alerts_total',
    help: 'Alerts sent to the platform admins about background work that kept failing',
    registers: [registry],
    async collect() {
      this.reset();
      this.inc((await read()).alerts);
    },
  });
}
