import { describe, expect, it } from 'vitest';
import { loadLiaochengSeed } from '@lcfin/backend/seed/load';
import { eventually } from '@lcfin/backend/testing/eventually';
import { createApiClient, forEachLimited } from '../bench/lib/api-client';
import { checkCountyPool, createLendingActors, placeStandardRequest } from '../bench/lib/lending';
import { startRoundRobinProxy } from '../bench/lib/round-robin-proxy';
import { race } from '../bench/lib/claim-race';
import { winnersInDatabase } from '../bench/suites/claims';
import { useScene } from './harness';

/**
 * Fault 4: the platform scaled out — two API processes behind one port (a round-robin TCP proxy,
 * as a load balancer) and two worker processes — under the claims benchmark's load: every officer
 * client claims every request. The database decides each race, so each request has exactly one
 * winner, and the 200 went to the institution the database recorded.
 */
const INSTITUTIONS = 10;
const OFFICERS_PER_INSTITUTION = 5;
const REQUESTS = 100;
const RACE_LIMIT_MS = 180_000;

describe('two API and two worker processes behind one port', () => {
  it('lets exactly one claim win per request under the claims load', async () => {
    const scene = useScene('fault 4');
    const { database, env: testEnv } = await scene.stores();
    // The benchmark's catalog: 186 institutions, 340 listed products; no demo accounts (production).
    await loadLiaochengSeed(database.db, { people: { individuals: 0, enterprises: 0, disbursedYuan: 0 } });
    const env = {
      ...testEnv,
      NODE_ENV: 'production',
      SESSION_SECRET: 'chaos-only-session-secret-0123456789abcdef',
    };
    scene.log('seeded');
    const apis = await Promise.all([scene.api(env), scene.api(env)]);
    const workers = await Promise.all([scene.workers(env), scene.workers(env)]);
    scene.log('processes started');
    const proxy = await startRoundRobinProxy(apis.map((a) => a.origin));
    scene.defer(() => proxy.close());
    const api = createApiClient(proxy.origin, { maxSockets: INSTITUTIONS * OFFICERS_PER_INSTITUTION });
    scene.defer(async () => api.close());

    const actors = await createLendingActors(database.db, api, {
      institutions: INSTITUTIONS,
      officersPerInstitution: OFFICERS_PER_INSTITUTION,
    });
    scene.log('officers signed in');
    const ids: string[] = [];
    await forEachLimited(Array.from({ length: REQUESTS }), 8, async () => {
      ids.push(await placeStandardRequest(api, actors.applicant.token));
    });
    scene.log('requests placed');
    // The two worker processes match them; each must open in the county pool of exactly those institutions.
    await eventually(async () => {
      const pool = await checkCountyPool(database.db, ids, actors.institutionIds);
      if (pool.problem) throw new Error(pool.problem);
      return pool.notOpened === 0 ? true : undefined;
    }, 120_000);

    scene.log('requests opened by the workers');
    const tally = await race(api, actors.officers, ids, performance.now() + RACE_LIMIT_MS);
    const recorded = await winnersInDatabase(database.db, ids);
    scene.log('race over');

    const attempts = actors.officers.length * REQUESTS;
    expect(tally.all.count).toBe(attempts);
    expect(Object.fromEntries(tally.statuses)).toEqual({ 200: REQUESTS, 409: attempts - REQUESTS });
    const winners = ids.map((id) => tally.winners.get(id) ?? []);
    expect(winners.filter((w) => w.length !== 1)).toEqual([]);
    expect(ids.filter((id) => tally.winners.get(id)![0] !== recorded.claimant.get(id))).toEqual([]);
    expect([recorded.multiple, recorded.none]).toEqual([0, 0]);
    // Both API processes served the race, and every process is still up.
    expect(proxy.connections.every((n) => n > 0)).toBe(true);
    expect([...apis, ...workers].every((p) => p.running())).toBe(true);
    scene.log(
      `${attempts} claims in ${tally.elapsedSeconds.toFixed(1)} s through one port (connections per API ` +
        `process: ${proxy.connections.join(', ')}); one winner for each of ${REQUESTS} requests`,
    );
  });
});
