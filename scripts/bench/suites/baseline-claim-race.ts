import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createApiClient } from '../lib/api-client';
import { withChildServer } from '../lib/child-server';
import { INSTITUTIONS, OFFICERS_PER_INSTITUTION, race, REQUESTS, TARGET_P99_MS } from '../lib/claim-race';
import type { Officer } from '../lib/lending';
import type { BenchSuite } from '../suite';

const FLOOR_SERVER = fileURLToPath(new URL('../servers/claim-floor.ts', import.meta.url));
/** Raced for before the timed race, as `claims` warms up on requests of its own. */
const WARMUP_ROWS = 20;
/** The race is a fixed amount of work; this bounds it on a machine that has stalled. */
const RACE_LIMIT_MS = 120_000;

/**
 * The claim race with nothing of the platform in it: the same 100 clients and 500 rows against
 * bare Express and one raw conditional UPDATE per claim (servers/claim-floor.ts). Whatever
 * latency this shows, the machine and the stack (Node, Express, pg, PostgreSQL on the same
 * cores as the clients) cost before the platform adds anything.
 */
export const baselineClaimRace: BenchSuite = {
  name: 'baseline.claim-race',
  title: 'Baseline: the claim race against bare Express and one raw conditional UPDATE per claim',
  run: (ctx) =>
    ctx.withPostgres(async (db) => {
      if (db.engine !== 'postgres') throw new Error('needs a PostgreSQL server: the floor server is another process');
      const rows = (n: number) => Array.from({ length: n }, () => randomUUID());
      const warmupIds = rows(WARMUP_ROWS);
      const ids = rows(REQUESTS);
      await db.query('CREATE TABLE floor_claims (id uuid PRIMARY KEY, status text NOT NULL, claimed_by text)');
      await db.query(`INSERT INTO floor_claims SELECT unnest($1::uuid[]), 'open'`, [[...warmupIds, ...ids]]);
      const officers: Officer[] = Array.from({ length: INSTITUTIONS * OFFICERS_PER_INSTITUTION }, (_, i) => ({
        id: `officer-${i}`,
        username: `officer-${i}`,
        institutionId: `institution-${i % INSTITUTIONS}`,
        token: `officer-${i}`,
      }));

      const tally = await withChildServer(
        { script: FLOOR_SERVER, env: { DATABASE_URL: db.url }, readyPath: '/ready' },
        async ({ origin }) => {
          const api = createApiClient(origin, { maxSockets: officers.length });
          try {
            await race(api, officers, warmupIds, performance.now() + RACE_LIMIT_MS);
            return await race(api, officers, ids, performance.now() + RACE_LIMIT_MS);
          } finally {
            api.close();
          }
        },
      );
      const won = tally.statuses.get(200) ?? 0;
      const lost = tally.statuses.get(409) ?? 0;
      const multiple = ids.filter((id) => (tally.winners.get(id)?.length ?? 0) > 1).length;
      const p99 = tally.all.percentile(99);
      ctx.note(
        `A child process with Express 5 (default settings, one route) and a pg Pool of 20 (the platform's size) runs ` +
          "`UPDATE floor_claims SET status='claimed' … WHERE id=$2 AND status='open' RETURNING id` (one statement, no explicit transaction) " +
          `per \`POST /api/v1/loan-requests/:id/claim\` and answers 200 or 409 — no authentication, validation or ` +
          `bookkeeping. The runner races as in \`claims\`: ${officers.length} clients (node:http keep-alive), each ` +
          `claiming all ${REQUESTS} rows in its own random order, one at a time, after an untimed race for ` +
          `${WARMUP_ROWS} other rows.`,
      );
      ctx.note(
        `Outcome: ${tally.all.count.toLocaleString('en-US')} attempts in ${tally.elapsedSeconds.toFixed(1)} s — ` +
          `${won} won, ${lost.toLocaleString('en-US')} lost, ${tally.all.count - won - lost} other; ` +
          `${multiple} rows with more than one winner. p99 ${p99.toFixed(1)} ms against the platform's target of ` +
          `< ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'the floor is below it' : '**the floor itself is above it**'}.`,
      );
      return [
        { metric: 'baseline.claim-race.cps', value: tally.all.count / tally.elapsedSeconds, unit: 'claims/s' },
        { metric: 'baseline.claim-race.p50', value: tally.all.percentile(50), unit: 'ms' },
        { metric: 'baseline.claim-race.p99', value: p99, unit: 'ms' },
        { metric: 'baseline.claim-race.won_p99', value: tally.won.percentile(99), unit: 'ms', note: '200 only' },
        { metric: 'baseline.claim-race.lost_p99', value: tally.lost.percentile(99), unit: 'ms', note: '409 only' },
        { metric: 'baseline.claim-race.multiple_winners', value: multiple, unit: 'rows', note: 'must be 0' },
      ];
    }),
};
