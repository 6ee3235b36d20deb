import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@lcfin/backend/db/client';
import { loadLiaochengSeed } from '@lcfin/backend/seed/load';
import { withChildServer } from '../lib/child-server';
import type { BenchContext, BenchSuite, HttpLoadResult, Measurement } from '../suite';

const CONNECTIONS = 50;
const PLATFORM_SERVER = fileURLToPath(new URL('../servers/platform.ts', import.meta.url));
/** Starting the platform compiles the backend with tsx and checks migrations: slower than the ping server. */
const READY_TIMEOUT_MS = 60_000;
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
    ctx.withRedisPrefix((redis) =>
      ctx.withPostgres(
        async (db) => {
          if (db.engine !== 'postgres') {
            throw new Error('needs a PostgreSQL server: the platform runs in a child process and cannot share PGlite');
          }
          const seedMs = await seed(db.url);
          const env = {
            NODE_ENV: 'production',
            SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
            LOG_LEVEL: 'warn',
            DATABASE_URL: db.url,
            REDIS_URL: redis.url,
            REDIS_PREFIX: redis.prefix,
            RUN_WORKERS: 'false',
          };
          const measured = await withChildServer(
            { script: PLATFORM_SERVER, env, readyPath: '/healthz', readyTimeoutMs: READY_TIMEOUT_MS },
            async ({ origin }) => {
              const results: Measurement[] = [];
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
                ctx.note(`${query.label}: \`GET ${decodeURIComponent(query.path)}\` — ${what}; ${describeCpu(usage)}.`);
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
              return results;
            },
          );
          ctx.note(
            'Setup: a throwaway PostgreSQL database seeded with `loadLiaochengSeed` (reference data, 186 institutions, ' +
              '340 listed products), then the real platform (`createPlatform`, NODE_ENV=production, LOG_LEVEL=warn, ' +
              `no workers) in a child Node process; autocannon in the runner process, ${CONNECTIONS} connections, ` +
              'anonymous requests, no pipelining.',
          );
          return [{ metric: 'catalog.seed_load_ms', value: seedMs, unit: 'ms', note: 'seed transaction' }, ...measured];
        },
        { poolSize: 1 },
      ),
    ),
};

/** Migrates the database, then times the seed transaction alone. */
async function seed(url: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir: 'unused' });
  try {
    const started = performance.now();
    const report = await loadLiaochengSeed(database.db);
    const ms = performance.now() - started;
    if (report.institutions.after !== 186 || report.listedProducts.after !== 340) {
      throw new Error(`seed ended with ${JSON.stringify(report)}`);
    }
    return ms;
  } finally {
    await database.close();
  }
}

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

interface CpuUsage {
  /** Cores' worth of CPU the platform's process used, from its own /metrics. */
  serverCores?: number;
  /** Cores' worth of CPU the runner (autocannon) used. */
  runnerCores: number;
  /** Fraction of all of the machine's cores that were busy, when /proc/stat is readable. */
  machineBusy?: number;
}

/** Starts measuring; the returned function stops and reports (covers warm-up and window). */
async function startCpuSample(origin: string): Promise<() => Promise<CpuUsage>> {
  const serverStart = await serverCpuSeconds(origin);
  const wallStart = performance.now();
  const runnerStart = process.cpuUsage();
  const machineStart = machineTicks();
  return async () => {
    const wallMs = performance.now() - wallStart;
    const runner = process.cpuUsage(runnerStart);
    const machineEnd = machineTicks();
    const serverEnd = await serverCpuSeconds(origin);
    const usage: CpuUsage = { runnerCores: (runner.user + runner.system) / 1000 / wallMs };
    if (serverStart !== undefined && serverEnd !== undefined) {
      usage.serverCores = ((serverEnd - serverStart) * 1000) / wallMs;
    }
    if (machineStart && machineEnd && machineEnd.total > machineStart.total) {
      usage.machineBusy = (machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total);
    }
    return usage;
  };
}

/** The platform's `process_cpu_seconds_total` (prom-client's default metrics). */
async function serverCpuSeconds(origin: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${origin}/metrics`)).text();
    const match = /^process_cpu_seconds_total(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

function describeCpu(usage: CpuUsage): string {
  return [
    ...(usage.serverCores === undefined ? [] : [`the platform process used ${usage.serverCores.toFixed(2)} cores`]),
    `autocannon ${usage.runnerCores.toFixed(2)} cores`,
    ...(usage.machineBusy === undefined ? [] : [`the whole machine was ${(usage.machineBusy * 100).toFixed(0)}% busy`]),
  ].join(', ');
}
