import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageLimits, type Lease } from '../http/limits';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { SUPERVISION_LIMITS } from './routes';

/**
 * One user cannot starve the others: per-user limits on supervision computations and exports,
 * shared by every API process. Places are held here the way another API process would hold them
 * (through Redis, under the same names), so that what is left is known exactly.
 */
let t: TestPlatform;
let city: SignedIn;
let county: SignedIn;
let limits: ReturnType<typeof createUsageLimits>;
beforeAll(async () => {
  t = await createTestPlatform();
  [city, county] = await Promise.all([t.signIn('bureau.city'), t.signIn('bureau.guanxian')]);
  limits = createUsageLimits(t.platform.redis, t.config.REDIS_PREFIX);
});
afterAll(async () => {
  await t?.close();
});

/** Holds `n` of the user's places elsewhere, as computations or exports running in another process would. */
async function holdElsewhere(kind: 'computations' | 'exports', userId: string, n: number): Promise<Lease[]> {
  const take = limits.concurrency(`supervision-${kind}`, SUPERVISION_LIMITS[kind]);
  return Promise.all(Array.from({ length: n }, () => take(userId)));
}

describe('supervision figures', () => {
  it('answer every `top` from one shared computation, each cut to its own length', async () => {
    // One place left: twelve different `top`s at once must share one computation to all get through.
    const held = await holdElsewhere('computations', city.user.id, SUPERVISION_LIMITS.computations.max - 1);
    const tops = Array.from({ length: 12 }, (_, i) => i + 1);
    const answers = await Promise.all(
      tops.map((top) => city.agent.get(`${API}/supervision/sla?groupBy=institution&top=${top}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(tops.map(() => 200));
    for (const [i, a] of answers.entries()) {
      expect(a.body.rankings.best.length).toBeLessThanOrEqual(tops[i]!);
      expect(a.body.rankings.best).toEqual(answers.at(-1)!.body.rankings.best.slice(0, tops[i]));
    }
    await Promise.all(held.map((l) => l.release()));
  });

  it('refuse a user more different computations at once with 429 and Retry-After, and no one else', async () => {
    const held = await holdElsewhere('computations', city.user.id, SUPERVISION_LIMITS.computations.max);
    const refused = await city.agent.get(`${API}/supervision/overview?from=2024-01-01`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await county.agent.get(`${API}/supervision/overview?region=371525`).expect(200);
    await held[0]!.release();
    await city.agent.get(`${API}/supervision/overview?from=2024-01-01`).expect(200);
    await Promise.all(held.map((l) => l.release()));
  });
});

describe('supervision exports', () => {
  it(`run at most ${SUPERVISION_LIMITS.exports.max} at once per user; the next gets 429, another user's runs`, async () => {
    const path = `${API}/supervision/export?report=breaches&format=xlsx`;
    const held = await holdElsewhere('exports', city.user.id, SUPERVISION_LIMITS.exports.max);
    const refused = await city.agent.get(path);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await county.agent.get(path).buffer(true).expect(200);
    await held[0]!.release();
    await city.agent.get(path).buffer(true).expect(200);
    await Promise.all(held.map((l) => l.release()));
  });

  it(`are at most ${SUPERVISION_LIMITS.exportsPerMinute.points} a minute per user`, async () => {
    const admin = await t.signIn('admin');
    const statuses: number[] = [];
    for (let i = 0; i <= SUPERVISION_LIMITS.exportsPerMinute.points; i++) {
      statuses.push((await admin.agent.get(`${API}/supervision/export?report=overview&format=csv`)).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
