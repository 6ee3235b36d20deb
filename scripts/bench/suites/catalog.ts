import { describeCpu, startCpuSample } from '../lib/cpu';
import { withSeededPlatform } from '../lib/platform';
import type { BenchContext, BenchSuite, HttpLoadResult, Measurement } from '../suite';

const CONNECTIONS = 50;
/** The issue's targets, as ratios to the bare-Express baseline of the same run and in absolute ms. */
const TARGET_RPS_RATIO = 0.4;
const TARGET_P99_MS = 50;

const QUERIES = [
  {
    key: 'filtered',
    label: '3 filters',
    path: '/api/v1/products?customerType=enterprise&county=371525&amount=500000',
  },
  { key: 'search', label: 'text search', path: `/api/v1/products?q=${encodeURIComponent('快贷')}` },
  /** Not a target: the same stack on a tiny read (9 regions), to separate the stack's cost from the catalog's. */
  { key: 'floor', label: 'platform floor', path: '/api/v1/regions', diagnostic: true },
] as const;

export const catalog: BenchSuite = {
  name: 'catalog',
  title: 'Catalog: GET /products on the Liaocheng-scale dataset (real platform)',
  run: (ctx) =>
    withSeededPlatform(ctx, { workers: false }, async ({ origin, seedMs }) => {
      const results: Measurement[] = [
        { metric: 'catalog.seed_load_ms', value: seedMs, unit: 'ms', note: 'seed transaction' },
      ];
      for (const query of QUERIES) {
        const total = await sanityCheck(`${origin}${query.path}`);
        const what =
          'diagnostic' in query ? `${total} regions` : `${total} matching products, first page of 20 returned`;
        const cpu = await startCpuSample(origin);
        const load = await ctx.httpLoad({
          url: `${origin}${query.path}`,
          connections: CONNECTIONS,
          seconds: ctx.seconds,
        });
        const usage = await cpu();
        ctx.note(
          `${query.label}: \`GET ${decodeURIComponent(query.path)}\` — ${what}; ${describeCpu(usage, 'autocannon')}.`,
        );
        results.push(...measurements(`catalog.${query.key}`, load));
        if (usage.serverCores !== undefined && load.rps > 0) {
          results.push({
            metric: `catalog.${query.key}.server_cpu_per_request`,
            value: (usage.serverCores * 1000) / load.rps,
            unit: 'ms',
            note: 'server process CPU time per request (approximate)',
          });
        }
        if (!('diagnostic' in query)) verdict(ctx, query.label, load);
      }
      ctx.note(
        'Setup: a throwaway PostgreSQL database seeded with `loadLiaochengSeed` (reference data, 186 institutions, ' +
          '340 listed products), then the real platform (`createPlatform`, NODE_ENV=production, LOG_LEVEL=warn, ' +
          `no workers) in a child Node process; autocannon in the runner process, ${CONNECTIONS} connections, ` +
          'anonymous requests, no pipelining.',
      );
      return results;
    }),
};

/** The workload must return products: a query answering errors or nothing would measure the wrong thing. */
async function sanityCheck(url: string): Promise<number> {
  const response = await fetch(url);
  const body = (await response.json()) as { total?: number; items?: unknown[] };
  if (response.status !== 200 || !body.items?.length) {
    throw new Error(`${url} answered ${response.status} with ${JSON.stringify(body).slice(0, 200)}`);
  }
  return body.total ?? body.items.length;
}

function measurements(prefix: string, load: HttpLoadResult): Measurement[] {
  return [
    { metric: `${prefix}.rps`, value: load.rps, unit: 'req/s', baseline: 'baseline.express.rps' },
    { metric: `${prefix}.p50`, value: load.p50, unit: 'ms', baseline: 'baseline.express.p50' },
    { metric: `${prefix}.p99`, value: load.p99, unit: 'ms', baseline: 'baseline.express.p99' },
    { metric: `${prefix}.errors`, value: load.errors, unit: 'requests' },
    { metric: `${prefix}.non2xx`, value: load.non2xx, unit: 'responses' },
  ];
}

function verdict(ctx: BenchContext, label: string, load: HttpLoadResult): void {
  const baseline = ctx.measurements.get('baseline.express.rps');
  const ratio = baseline ? load.rps / baseline.value : undefined;
  const rpsMet = ratio !== undefined && ratio >= TARGET_RPS_RATIO;
  const p99Met = load.p99 < TARGET_P99_MS;
  ctx.note(
    `${label} vs targets: throughput ${ratio === undefined ? 'not comparable (baseline.express not run)' : `${ratio.toFixed(2)}× bare Express (target ≥ ${TARGET_RPS_RATIO}×): ${rpsMet ? 'met' : 'missed'}`}; ` +
      `p99 ${load.p99} ms (target < ${TARGET_P99_MS} ms): ${p99Met ? 'met' : 'missed'}` +
      (load.errors || load.non2xx ? `; ${load.errors} errors and ${load.non2xx} non-2xx responses` : '') +
      '.',
  );
}
