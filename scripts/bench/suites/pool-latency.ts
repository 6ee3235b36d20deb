import { setTimeout as sleep } from 'node:timers/promises';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '@lcfin/backend/db/client';
import { outboxJobId } from '@lcfin/backend/outbox/outbox';
import { outbox, outboxRelay } from '@lcfin/backend/outbox/schema';
import { QUEUE_NAMES } from '@lcfin/backend/queue/queues';
import { createApiClient, forEachLimited, type ApiClient } from '../lib/api-client';
import { describeCpu, startCpuSample } from '../lib/cpu';
import { Latencies } from '../lib/latency';
import { API, checkCountyPool, createLendingActors, STANDARD_REQUEST, type Officer } from '../lib/lending';
import { withSeededScaledPlatform } from '../lib/platform';
import type { WorkerProcess } from '../lib/worker-processes';
import { openEventStream, type SseStream } from '../lib/sse';
import type { BenchContext, BenchSuite, Measurement, RedisScope } from '../suite';

/** The issue's workload: 50 requests/s while 200 officer streams are connected. */
const RATE_PER_SECOND = 50;
const STREAMS = 200;
const INSTITUTIONS = 20;
const OFFICERS_PER_INSTITUTION = 5;
/** After the last 201, events still missing this much later count as never received. */
const DRAIN_MS = 5_000;
/** The warm-up's events may take longer; the window should not start behind a backlog, within reason. */
const WARMUP_DRAIN_MS = 20_000;
/** Streams opened at once during setup. */
const CONNECT_CONCURRENCY = 20;
const TARGET_P99_MS = 250;

export const poolLatency: BenchSuite = {
  name: 'pool-latency',
  title:
    'Submit-to-pool latency: 50 requests/s to 200 connected officer streams (real platform: API and worker processes)',
  // Setup through the API (101 scrypt logins, 200 streams), a warm-up and drain, and a window of poolSeconds.
  extraBudgetSeconds: ({ poolSeconds }) => 60 + poolSeconds + (DRAIN_MS + WARMUP_DRAIN_MS) / 1000,
  run: (ctx) =>
    // As production runs it (infra/): the API and the workers in processes of their own, so the
    // matcher and the fan-out do not share one event loop with request handling. One API process,
    // reached directly (the proxy only matters with several).
    withSeededScaledPlatform(ctx, { apis: 1, workers: 1 }, async ({ db, redis, apiOrigins, env, workers }) => {
      const api = createApiClient(apiOrigins[0]!, { maxSockets: 64 });
      try {
        return await measure(ctx, db, redis, api, workers[0]!, Number(env.OUTBOX_POLL_MS));
      } finally {
        api.close();
      }
    }),
};

/** When each stream first saw `pool.added` for each request (performance.now() of the chunk). */
class Arrivals {
  private readonly byRequest = new Map<string, Float64Array>();
  duplicates = 0;
  otherTier = 0;

  record(requestId: string, stream: number, at: number): void {
    let times = this.byRequest.get(requestId);
    if (!times) {
      times = new Float64Array(STREAMS).fill(Number.NaN);
      this.byRequest.set(requestId, times);
    }
    if (Number.isNaN(times[stream]!)) times[stream] = at;
    else this.duplicates++;
  }

  /** Arrival times on every stream (NaN: not received). */
  of(requestId: string): Float64Array {
    return this.byRequest.get(requestId) ?? new Float64Array(STREAMS).fill(Number.NaN);
  }

  received(requestIds: readonly string[]): number {
    let n = 0;
    for (const id of requestIds) for (const at of this.of(id)) if (!Number.isNaN(at)) n++;
    return n;
  }
}

interface Submitted {
  id: string;
  /** performance.now() when the 201 had arrived. */
  at: number;
}

async function measure(
  ctx: BenchContext,
  db: Database,
  redis: RedisScope,
  api: ApiClient,
  worker: WorkerProcess,
  pollMs: number,
): Promise<Measurement[]> {
  const actors = await createLendingActors(db, api, {
    institutions: INSTITUTIONS,
    officersPerInstitution: OFFICERS_PER_INSTITUTION,
  });
  const arrivals = new Arrivals();
  const streams = await connectStreams(api.origin, actors.officers, arrivals);
  try {
    // Warm-up: the same traffic, untimed, until its events have arrived (or the drain time passed).
    const warmup = await submitAtRate(api, actors.applicant.token, ctx.warmupSeconds);
    const warmedUp = await drain(arrivals, warmup.submitted, WARMUP_DRAIN_MS);

    const cpu = await startCpuSample(api.origin);
    const workerCpuStart = worker.cpuSeconds();
    const windowStart = performance.now();
    const window = await submitAtRate(api, actors.applicant.token, ctx.poolSeconds);
    const drained = await drain(arrivals, window.submitted, DRAIN_MS);
    const usage = await cpu();
    const workerCores =
      workerCpuStart === undefined
        ? undefined
        : (worker.cpuSeconds()! - workerCpuStart) / ((performance.now() - windowStart) / 1000);

    const ids = window.submitted.map((s) => s.id);
    const pool = await checkCountyPool(db, ids, actors.institutionIds);
    if (pool.problem) throw new Error(`the matcher did not open the requests as the workload needs: ${pool.problem}`);

    const all = new Latencies();
    const first = new Latencies();
    const last = new Latencies();
    let missing = 0;
    for (const { id, at } of window.submitted) {
      let earliest = Infinity;
      let latest = -Infinity;
      for (const arrived of arrivals.of(id)) {
        if (Number.isNaN(arrived)) {
          missing++;
          continue;
        }
        all.record(arrived - at);
        earliest = Math.min(earliest, arrived);
        latest = Math.max(latest, arrived);
      }
      if (earliest !== Infinity) {
        first.record(earliest - at);
        last.record(latest - at);
      }
    }
    const hops = await hopBreakdown(db, redis, window.submitted, arrivals);
    const drift = trend(window.submitted, arrivals);

    const expected = window.submitted.length * STREAMS;
    ctx.note(
      `Setup (untimed): \`loadLiaochengSeed\`; ${INSTITUTIONS} institutions that the matcher ranks in the county pool ` +
        `of the standard request, each with ${OFFICERS_PER_INSTITUTION} active officers serving their institution's ` +
        `counties (inserted with drizzle); one enterprise applicant; bearer tokens from \`POST /auth/tokens\`. The ` +
        `real platform as production runs it: one API process (RUN_WORKERS=false) and one worker process ` +
        `(workers/src/main.ts), NODE_ENV=production, LOG_LEVEL=warn, OUTBOX_POLL_MS=${pollMs}.`,
    );
    ctx.note(
      `Load: ${STREAMS} \`GET /stream\` connections in the runner, two per officer (\`Authorization: Bearer\`), all ` +
        `connected before the first submission; \`POST /loan-requests\` open-loop at ${RATE_PER_SECOND}/s for ` +
        `${ctx.poolSeconds} s (${window.submitted.length} requests, ${window.achievedRate.toFixed(1)}/s achieved, ` +
        `${window.failures} failed${window.failureSample ? `, e.g. ${window.failureSample}` : ''}) after an untimed ${ctx.warmupSeconds} s warm-up (${warmedUp ? 'all of its events had arrived before the window' : `**its events had not all arrived ${WARMUP_DRAIN_MS / 1000} s later**; the window started behind a backlog`}); every request the matcher ` +
        `opened was at county tier with all ${INSTITUTIONS} institutions as candidates (checked), so each must ` +
        `reach all ${STREAMS} streams as \`pool.added\`; ${pool.notOpened} were still not opened when the drain ` +
        `ended. Latency = arrival of the chunk carrying the event on a stream − arrival of ` +
        `the 201, over every (request, stream) pair: ${all.count.toLocaleString('en-US')} of ` +
        `${expected.toLocaleString('en-US')} expected arrivals (${missing} not received ${DRAIN_MS / 1000} s after ` +
        `the last 201; ${arrivals.duplicates} duplicates, ${arrivals.otherTier} at another tier, ${all.clamped} before ` +
        'the 201).' +
        (ctx.poolSeconds === 30
          ? ''
          : ` Window ${ctx.poolSeconds} s instead of 30 s (BENCH_POOL_SECONDS or BENCH_SECONDS < 10).`),
    );
    ctx.note(
      `Where the time goes (medians; database timestamps are transaction starts, so approximate): ` +
        `${hops.text}. Each request takes two relay hops (\`loan_request.submitted\` → matcher → ` +
        `\`loan_request.opened\` → stream); each commit wakes the relay (PostgreSQL LISTEN/NOTIFY), which also ` +
        `polls every ${pollMs} ms in case a notification is lost. The BullMQ jobs of these requests (each outbox row is one job; per request so ` +
        `far): ${hops.jobs}. The matcher opened ${hops.openedPerSecond.toFixed(1)} ` +
        `requests/s against ${RATE_PER_SECOND}/s offered; median latency of the requests placed in the window's ` +
        `first second ${drift.first}, in its last second ${drift.last}. During the window ${describeCpu(usage)}` +
        (workerCores === undefined ? '' : `, the worker process ${workerCores.toFixed(2)} cores`) +
        (drained ? '' : '; the drain ended with events still missing') +
        '.',
    );
    const p99 = all.percentile(99);
    ctx.note(
      `Target: p99 ${p99.toFixed(0)} ms (target < ${TARGET_P99_MS} ms): ${p99 < TARGET_P99_MS ? 'met' : 'missed'}` +
        (missing
          ? `; **${missing} arrivals never came** — the percentiles cover only the arrivals that did, so the ` +
            `true p99 is higher still (a missing arrival is at least ${DRAIN_MS / 1000} s after the last 201).`
          : '; every event arrived.'),
    );

    return [
      {
        metric: 'pool-latency.p50',
        value: all.percentile(50),
        unit: 'ms',
        note: 'over all (request, stream) arrivals',
      },
      { metric: 'pool-latency.p99', value: p99, unit: 'ms', note: 'over all (request, stream) arrivals' },
      { metric: 'pool-latency.max', value: all.max, unit: 'ms' },
      { metric: 'pool-latency.first_stream_p99', value: first.percentile(99), unit: 'ms', note: 'earliest stream' },
      { metric: 'pool-latency.last_stream_p99', value: last.percentile(99), unit: 'ms', note: 'latest stream' },
      {
        metric: 'pool-latency.missing',
        value: missing,
        unit: 'arrivals',
        note: `not received ${DRAIN_MS / 1000} s after the run; must be 0`,
      },
      { metric: 'pool-latency.requests', value: window.submitted.length, unit: 'requests' },
      {
        metric: 'pool-latency.opened_per_second',
        value: hops.openedPerSecond,
        unit: 'requests/s',
        note: `matcher throughput; ${RATE_PER_SECOND} offered`,
      },
      {
        metric: 'pool-latency.not_opened',
        value: pool.notOpened,
        unit: 'requests',
        note: `still \`submitted\` ${DRAIN_MS / 1000} s after the run; must be 0`,
      },
      {
        metric: 'pool-latency.submit_p50',
        value: window.latencies.percentile(50),
        unit: 'ms',
        note: 'POST /loan-requests → 201',
      },
      {
        metric: 'pool-latency.submit_p99',
        value: window.latencies.percentile(99),
        unit: 'ms',
        note: 'POST /loan-requests → 201',
      },
      { metric: 'pool-latency.submit_failures', value: window.failures, unit: 'requests', note: 'not 201; must be 0' },
    ];
  } finally {
    for (const stream of streams) stream.close();
  }
}

/** Opens STREAMS streams round-robin over the officers and waits for each one's `ready`. */
async function connectStreams(origin: string, officers: readonly Officer[], arrivals: Arrivals): Promise<SseStream[]> {
  const streams: SseStream[] = [];
  const ready: Promise<void>[] = [];
  try {
    await forEachLimited(
      Array.from({ length: STREAMS }, (_, i) => i),
      CONNECT_CONCURRENCY,
      async (index) => {
        const officer = officers[index % officers.length]!;
        let isReady!: () => void;
        ready.push(new Promise<void>((resolve) => (isReady = resolve)));
        const stream = await openEventStream(
          `${origin}${API}/stream`,
          { authorization: `Bearer ${officer.token}` },
          (message, at) => {
            if (message.event === 'pool.added') {
              const data = JSON.parse(message.data) as { requestId: string; tier: string };
              if (data.tier !== 'county') arrivals.otherTier++;
              arrivals.record(data.requestId, index, at);
            } else if (message.event === 'ready') {
              isReady();
            }
          },
        );
        streams.push(stream);
      },
    );
    const timeout = sleep(10_000, 'timeout' as const);
    if ((await Promise.race([Promise.all(ready), timeout])) === 'timeout') {
      throw new Error('not every stream sent its ready event within 10 s');
    }
    return streams;
  } catch (error) {
    for (const stream of streams) stream.close();
    throw error;
  }
}

/**
 * POST /loan-requests on a fixed schedule (open loop: a slow answer does not delay the next
 * request), for `seconds`; resolves when every answer is in.
 */
async function submitAtRate(api: ApiClient, token: string, seconds: number) {
  const count = Math.round(seconds * RATE_PER_SECOND);
  const submitted: Submitted[] = [];
  const latencies = new Latencies();
  let failures = 0;
  let failureSample: string | undefined;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / RATE_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const sent = performance.now();
    inFlight.push(
      api.request('POST', `${API}/loan-requests`, { token, json: STANDARD_REQUEST }).then(
        ({ status, body }) => {
          const at = performance.now();
          if (status !== 201) {
            failures++;
            failureSample ??= `${status} ${body.slice(0, 200)}`;
            return;
          }
          latencies.record(at - sent);
          submitted.push({ id: (JSON.parse(body) as { id: string }).id, at });
        },
        (error: Error) => {
          failures++;
          failureSample ??= error.message;
        },
      ),
    );
  }
  const lastSent = performance.now();
  await Promise.all(inFlight);
  const spanSeconds = (lastSent - started) / 1000;
  return {
    submitted,
    latencies,
    failures,
    failureSample,
    achievedRate: count > 1 && spanSeconds > 0 ? (count - 1) / spanSeconds : count,
  };
}

/** Waits until every stream has seen every submitted request, or `ms` have passed; true if complete. */
async function drain(arrivals: Arrivals, submitted: readonly Submitted[], ms: number): Promise<boolean> {
  const ids = submitted.map((s) => s.id);
  const expected = ids.length * STREAMS;
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (arrivals.received(ids) >= expected) return true;
    await sleep(50);
  }
  return arrivals.received(ids) >= expected;
}

/**
 * The path of each request through the platform, from the outbox rows' timestamps (the database's
 * clock, which on this one machine is the runner's too): relay hop 1, matcher pickup, relay hop 2
 * (including the matcher's transaction), and from the second relay to the median stream arrival.
 */
async function hopBreakdown(db: Database, redis: RedisScope, submitted: readonly Submitted[], arrivals: Arrivals) {
  const rows = await db
    .select({
      outboxId: outbox.id,
      id: outbox.aggregateId,
      type: outbox.eventType,
      createdAt: sql<number>`extract(epoch from ${outbox.createdAt}) * 1000`.mapWith(Number),
      publishedAt: sql<number | null>`extract(epoch from ${outbox.publishedAt}) * 1000`.mapWith(Number),
    })
    .from(outbox)
    .where(
      inArray(
        outbox.aggregateId,
        submitted.map((s) => s.id),
      ),
    );
  const events = new Map<string, { submitted?: (typeof rows)[number]; opened?: (typeof rows)[number] }>();
  for (const row of rows) {
    const entry = events.get(row.id) ?? {};
    if (row.type === 'loan_request.submitted') entry.submitted = row;
    if (row.type === 'loan_request.opened') entry.opened = row;
    events.set(row.id, entry);
  }
  const relay1 = new Latencies();
  const pickup = new Latencies();
  const relay2 = new Latencies();
  const fanout = new Latencies();
  // performance.now() → wall-clock ms.
  const wall = (at: number) => performance.timeOrigin + at;
  for (const { id } of submitted) {
    const { submitted: s, opened: o } = events.get(id) ?? {};
    if (!s?.publishedAt || !o?.publishedAt) continue;
    relay1.record(s.publishedAt - s.createdAt);
    pickup.record(o.createdAt - s.publishedAt);
    relay2.record(o.publishedAt - o.createdAt);
    const times = [...arrivals.of(id)].filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    if (median !== undefined) fanout.record(wall(median) - o.publishedAt);
  }
  const describe = (what: string, l: Latencies) =>
    `${what} ${l.percentile(50).toFixed(0)} ms (p99 ${l.percentile(99).toFixed(0)})`;
  // How fast the matcher opened them: below the offered rate, its queue grows for the whole window.
  const starts = [...events.values()].flatMap((e) => (e.opened ? [e.opened.createdAt] : [])).sort((a, b) => a - b);
  const span = starts.length > 1 ? (starts.at(-1)! - starts[0]!) / 1000 : 0;
  // The job ids name the database's incarnation (its one outbox_relay row).
  const [relay] = await db.select().from(outboxRelay);
  const jobs = await jobTimes(redis, relay!.incarnation, rows, submitted.length);
  return {
    jobs,
    text: [
      describe('submit transaction → relay picks `submitted`', relay1),
      describe('→ matcher starts `openInPool`', pickup),
      describe('→ relay picks `opened`', relay2),
      describe('→ median stream receives `pool.added`', fanout),
    ].join(', '),
    openedPerSecond: span > 0 ? (starts.length - 1) / span : 0,
  };
}

/**
 * The BullMQ job of each outbox row (whichever queue the relay put it in) keeps when it was added,
 * started and finished: how long each kind of event waited in its queue and how long its handler ran.
 */
async function jobTimes(
  redis: RedisScope,
  incarnation: string,
  rows: readonly { outboxId: number; type: string }[],
  requests: number,
): Promise<string> {
  const queues = Object.values(QUEUE_NAMES);
  const pipeline = redis.redis.pipeline();
  for (const row of rows) {
    for (const queue of queues) {
      pipeline.hmget(
        `${redis.prefix}:${queue}:${outboxJobId(incarnation, row.outboxId)}`,
        'timestamp',
        'processedOn',
        'finishedOn',
      );
    }
  }
  const replies = (await pipeline.exec()) ?? [];
  const perType = new Map<string, { events: number; queues: Set<string>; waited: Latencies; worked: Latencies }>();
  rows.forEach((row, i) => {
    const entry = perType.get(row.type) ?? {
      events: 0,
      queues: new Set(),
      waited: new Latencies(),
      worked: new Latencies(),
    };
    entry.events++;
    queues.forEach((queue, q) => {
      const [error, value] = replies[i * queues.length + q] ?? [];
      const [added, started, finished] = (error ? [] : (value as (string | null)[])).map(Number);
      if (!added) return;
      entry.queues.add(queue);
      if (started) entry.waited.record(started - added);
      if (started && finished) entry.worked.record(finished - started);
    });
    perType.set(row.type, entry);
  });
  const ms = (l: Latencies) => `${l.percentile(50).toFixed(0)} ms (p99 ${l.percentile(99).toFixed(0)})`;
  return [...perType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([type, { events, queues: used, waited, worked }]) =>
        `\`${type}\` ×${(events / requests).toFixed(1)} in ${[...used].map((q) => `\`${q}\``).join('/') || 'no queue'}: ` +
        `waited ${ms(waited)}, ran ${ms(worked)}`,
    )
    .join('; ');
}

/** Median latency over all streams of the requests submitted in the window's first and last second. */
function trend(submitted: readonly Submitted[], arrivals: Arrivals): { first: string; last: string } {
  const start = submitted.reduce((min, s) => Math.min(min, s.at), Infinity);
  const end = submitted.reduce((max, s) => Math.max(max, s.at), -Infinity);
  const median = (from: number, to: number) => {
    const latencies = new Latencies();
    for (const { id, at } of submitted) {
      if (at < from || at > to) continue;
      for (const arrived of arrivals.of(id)) if (!Number.isNaN(arrived)) latencies.record(arrived - at);
    }
    return latencies.count ? `${latencies.percentile(50).toFixed(0)} ms` : 'none arrived';
  };
  return { first: median(start, start + 1000), last: median(end - 1000, end) };
}
