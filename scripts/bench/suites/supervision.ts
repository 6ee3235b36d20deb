import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { hashPassword } from '@lcfin/backend/auth/passwords';
import { users } from '@lcfin/backend/auth/schema';
import type { Database } from '@lcfin/backend/db/client';
import { LIAOCHENG_PEOPLE, LIAOCHENG_SCALE } from '@lcfin/backend/seed/liaocheng';
import { SLA_STAGES } from '@lcfin/backend/lifecycle/state-machine';
import { slaStages } from '@lcfin/backend/requests/schema';
import { stageTimes } from '@lcfin/backend/supervision/schema';
import { createApiClient, type ApiClient } from '../lib/api-client';
import { runClosedLoop } from '../lib/closed-loop';
import { describeCpu, startCpuSample } from '../lib/cpu';
import { API } from '../lib/lending';
import { withSeededPlatform } from '../lib/platform';
import type { BenchContext, BenchSuite, Measurement } from '../suite';

/** The issue's workload: 20 concurrent clients per endpoint, whole seeded period, p95 under 100 ms. */
export const CLIENTS = 20;
const TARGET_P95_MS = 100;
const PASSWORD = 'bench-password-2026';

/** The figures the city bureau's whole-life overview must show after the seed (its published ones). */
const PUBLISHED = {
  institutions: LIAOCHENG_SCALE.institutions,
  listedProducts: LIAOCHENG_SCALE.listedProducts,
  individuals: LIAOCHENG_PEOPLE.individuals,
  enterprises: LIAOCHENG_PEOPLE.enterprises,
  disbursedAmount: LIAOCHENG_PEOPLE.disbursedYuan,
};

/** A bureau's read loaded by `load`; `E` is what the database says its answer must hold. */
export interface Endpoint<E> {
  key: string;
  label: string;
  path: string;
  /** What a correct answer holds, checked on the first response against the database. */
  check(body: Record<string, unknown>, expected: E): string | undefined;
}

/** What the database says the SLA figures and the breach list must add up to. */
interface Expected {
  completedByStage: Record<string, number>;
  breaches: number;
}

const ENDPOINTS: Endpoint<Expected>[] = [
  {
    key: 'overview',
    label: 'city overview',
    path: `${API}/supervision/overview`,
    check: (body) => {
      const wrong = Object.entries(PUBLISHED).filter(([figure, value]) => body[figure] !== value);
      return wrong.length
        ? `overview shows ${wrong.map(([figure, value]) => `${figure} ${String(body[figure])} (not ${value})`).join(', ')}`
        : undefined;
    },
  },
  {
    key: 'sla',
    label: 'SLA by institution',
    path: `${API}/supervision/sla?groupBy=institution`,
    check: (body, expected) => {
      const stages = body.stages as Record<string, { completed: number }>;
      const groups = body.groups as unknown[];
      const wrong = SLA_STAGES.filter((s) => stages[s]?.completed !== expected.completedByStage[s]);
      if (wrong.length) return `SLA totals differ from supervision_stage_times for ${wrong.join(', ')}`;
      return groups.length === 0 ? 'SLA lists no institution' : undefined;
    },
  },
  {
    key: 'breaches',
    label: 'breach list, first page',
    path: `${API}/supervision/breaches`,
    check: (body, expected) => {
      const items = body.items as unknown[];
      if (body.total !== expected.breaches) return `breach list total ${String(body.total)}, not ${expected.breaches}`;
      return items.length === Math.min(20, expected.breaches) ? undefined : `first page holds ${items.length} breaches`;
    },
  },
];

export const supervision: BenchSuite = {
  name: 'supervision',
  title: "Supervision: the city bureau's whole-life figures on the Liaocheng-scale dataset (real platform)",
  // The seed (~20 s on a quiet machine, ~150 s reported on a busy one) and the platform's start.
  extraBudgetSeconds: () => 360,
  run: (ctx) =>
    withSeededPlatform(ctx, { workers: false }, async ({ db, origin, seedMs }) => {
      const bytes = await databaseBytes(db);
      const api = createApiClient(origin, { maxSockets: CLIENTS });
      try {
        const token = await signInCityBureau(db, api);
        const expected = await expectedFigures(db);
        const results: Measurement[] = [
          { metric: 'supervision.seed_load_ms', value: seedMs, unit: 'ms', note: '`loadLiaochengSeed`, all phases' },
          {
            metric: 'supervision.database_mb',
            value: bytes / 2 ** 20,
            unit: 'MiB',
            note: '`pg_database_size` after the seed',
          },
        ];
        for (const endpoint of ENDPOINTS) {
          results.push(...(await load(ctx, api, token, endpoint, expected, { suite: 'supervision' })));
        }
        ctx.note(
          `Setup: a throwaway PostgreSQL database seeded with \`loadLiaochengSeed\` (${describeSeed()}) in ` +
            `${(seedMs / 1000).toFixed(1)} s, ${(bytes / 2 ** 20).toFixed(0)} MiB afterwards; the real ` +
            'platform (NODE_ENV=production, LOG_LEVEL=warn, no workers, its pg pool of 20) in a child process; a city ' +
            'bureau account (role bureau, no county) inserted with drizzle, bearer token from `POST /auth/tokens`.',
        );
        ctx.note(
          `Load: per endpoint, ${CLIENTS} closed-loop clients in the runner (node:http keep-alive, one connection ` +
            `each) GET it back to back for ${ctx.seconds} s after an untimed ${ctx.warmupSeconds} s warm-up; the ` +
            'whole seeded period (no from/to). The first answer is checked (the published figures; SLA totals and ' +
            'breach count against the database); every later one must be 200 with the same body, else it counts ' +
            'in `.mismatches` (must be 0). The p50 ratio compares with bare Express under autocannon (50 ' +
            'connections), so it is only a rough scale.',
        );
        return results;
      } finally {
        api.close();
      }
    }),
};

/** A production platform has no demo accounts: the city bureau is an account an administrator creates. */
export async function signInCityBureau(db: Database, api: ApiClient): Promise<string> {
  await db.insert(users).values({
    username: 'bench.bureau.city',
    passwordHash: await hashPassword(PASSWORD),
    role: 'bureau',
    displayName: '聊城市地方金融管理局（基准测试）',
    regionCode: null,
  });
  const body = await api.expectJson<{ token: string }>('POST', `${API}/auth/tokens`, 201, {
    json: { username: 'bench.bureau.city', password: PASSWORD },
  });
  return body.token;
}

export async function databaseBytes(db: Database): Promise<number> {
  const [row] = await db
    .select({ bytes: sql`pg_database_size(current_database())`.mapWith(Number) })
    .from(sql`(values (1)) as one`);
  return row!.bytes;
}

async function expectedFigures(db: Database): Promise<Expected> {
  const completed = await db.select({ stage: stageTimes.stage, n: count() }).from(stageTimes).groupBy(stageTimes.stage);
  const completedByStage = Object.fromEntries(SLA_STAGES.map((s) => [s, 0]));
  for (const row of completed) completedByStage[row.stage] = row.n;
  // Breached stages, and open ones past due (the seeded history leaves none open).
  const [breaches] = await db
    .select({ n: count() })
    .from(slaStages)
    .where(or(eq(slaStages.outcome, 'breached'), and(isNull(slaStages.completedAt), lt(slaStages.dueAt, new Date()))));
  return { completedByStage, breaches: breaches!.n };
}

/**
 * `CLIENTS` closed-loop clients GET the endpoint back to back; its first answer is checked, every
 * later one must be the same. Metrics are `<suite>.<key>.*`; the p95 is compared with
 * `p95Baseline` when one is named.
 */
export async function load<E>(
  ctx: BenchContext,
  api: ApiClient,
  token: string,
  endpoint: Endpoint<E>,
  expected: E,
  metrics: { suite: string; p95Baseline?: string },
): Promise<Measurement[]> {
  const first = await api.request('GET', endpoint.path, { token });
  if (first.status !== 200) throw new Error(`${endpoint.path} answered ${first.status}: ${first.body.slice(0, 300)}`);
  const problem = endpoint.check(JSON.parse(first.body) as Record<string, unknown>, expected);
  if (problem) throw new Error(`${endpoint.path}: ${problem}`);

  let mismatches = 0;
  let sample: string | undefined;
  const operation = async () => {
    const { status, body } = await api.request('GET', endpoint.path, { token });
    // The whole-life figures do not move during the run: any other answer is wrong.
    if (status !== 200 || body !== first.body) {
      mismatches++;
      sample ??= `${status} ${body.slice(0, 200)}`;
    }
  };
  await runClosedLoop({ concurrency: CLIENTS, seconds: ctx.warmupSeconds, operation });
  mismatches = 0;
  const cpu = await startCpuSample(api.origin);
  const run = await runClosedLoop({ concurrency: CLIENTS, seconds: ctx.seconds, operation });
  const usage = await cpu();

  const met = run.p95 < TARGET_P95_MS;
  ctx.note(
    `${endpoint.label}: \`GET ${endpoint.path}\` (${(first.body.length / 1024).toFixed(0)} KiB) — ` +
      `${run.operations.toLocaleString('en-US')} requests, p95 ${run.p95.toFixed(1)} ms (target < ${TARGET_P95_MS} ms): ` +
      `${met ? 'met' : '**missed**'}; ${describeCpu(usage)}` +
      (sample ? `; e.g. mismatch ${sample}` : '') +
      '.',
  );
  const prefix = `${metrics.suite}.${endpoint.key}`;
  return [
    { metric: `${prefix}.rps`, value: run.perSecond, unit: 'req/s', baseline: 'baseline.express.rps' },
    { metric: `${prefix}.p50`, value: run.p50, unit: 'ms', baseline: 'baseline.express.p50' },
    {
      metric: `${prefix}.p95`,
      value: run.p95,
      unit: 'ms',
      note: `target < ${TARGET_P95_MS} ms`,
      ...(metrics.p95Baseline ? { baseline: metrics.p95Baseline } : {}),
    },
    { metric: `${prefix}.p99`, value: run.p99, unit: 'ms', baseline: 'baseline.express.p99' },
    {
      metric: `${prefix}.mismatches`,
      value: mismatches,
      unit: 'responses',
      note: 'not 200 or not the checked body; must be 0',
    },
    ...(usage.serverCores === undefined
      ? []
      : [
          {
            metric: `${prefix}.server_cpu_per_request`,
            value: (usage.serverCores * 1000) / run.perSecond,
            unit: 'ms',
            note: 'platform process CPU time per request (approximate)',
          },
        ]),
  ];
}

function describeSeed(): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `${PUBLISHED.institutions} institutions, ${PUBLISHED.listedProducts} listed products, ${n(PUBLISHED.enterprises)} ` +
    `enterprises, ${n(PUBLISHED.individuals)} individuals, ${n(PUBLISHED.disbursedAmount)} yuan disbursed`
  );
}
