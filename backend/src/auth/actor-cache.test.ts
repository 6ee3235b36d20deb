import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis, type Redis } from '../queue/redis';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { createActorCache, type ActorCache } from './actor-cache';
import { findActiveActor } from './service';

/**
 * Another API process's actor cache, on the same database and Redis: what one process changes
 * about an account, the other stops serving at once — even with a TTL far longer than the test.
 */
let t: TestPlatform;
let redis: Redis;
let elsewhere: ActorCache;
let officer: SignedIn;
let load: () => ReturnType<typeof lookUp>;

const lookUp = async (userId: string) => {
  const actor = await findActiveActor(t.platform.db, userId);
  return actor && { actor };
};

beforeAll(async () => {
  t = await createTestPlatform();
  redis = createRedis(t.config.REDIS_URL);
  elsewhere = createActorCache({
    redis,
    redisUrl: t.config.REDIS_URL,
    prefix: t.config.REDIS_PREFIX,
    ttlMs: 600_000,
  });
  await elsewhere.ready;
  officer = await t.signIn('officer.lcrcb');
  load = () => lookUp(officer.user.id);
});
afterAll(async () => {
  elsewhere?.close();
  redis?.disconnect();
  await t?.close();
});

describe('the actor cache across API processes', () => {
  it('serves a resolved actor from memory until the account changes', async () => {
    const key = `user:${officer.user.id}`;
    const loaded = vi.fn(load);
    const first = (await elsewhere.resolve(key, loaded))?.actor;
    expect(first).toMatchObject({ username: 'officer.lcrcb', role: 'officer' });
    expect(first!.countiesServed.length).toBeGreaterThan(1);
    expect((await elsewhere.resolve(key, loaded))?.actor).toEqual(first);
    expect(loaded).toHaveBeenCalledTimes(1);

    const lcrcb = await t.signIn('inst.lcrcb');
    await lcrcb.agent
      .patch(`${API}/institutions/${lcrcb.user.institutionId}/officers/${officer.user.id}`)
      .set('x-csrf-token', lcrcb.csrf)
      .send({ countiesServed: ['371525'] })
      .expect(200);
    await vi.waitFor(
      async () => expect((await elsewhere.resolve(key, load))?.actor.countiesServed).toEqual(['371525']),
      {
        timeout: 2_000,
      },
    );
  });

  it('stops serving a disabled account as soon as it is disabled elsewhere', async () => {
    const key = `user:${officer.user.id}`;
    expect(await elsewhere.resolve(key, load)).not.toBeNull();
    const admin = await t.signIn('admin');
    await admin.agent.post(`${API}/accounts/${officer.user.id}/disable`).set('x-csrf-token', admin.csrf).expect(200);
    await vi.waitFor(async () => expect(await elsewhere.resolve(key, load)).toBeNull(), { timeout: 2_000 });
  });
});
