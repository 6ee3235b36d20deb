import type { AddressInfo, Server } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../auth/login-limiter';
import { authRoutes } from '../auth/routes';
import { createAuthenticator } from '../auth/session';
import { createApp } from '../app';
import { createUsageLimits } from '../http/limits';
import { createMetrics } from '../ops/metrics';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { openSse, type SseConnection } from '../testing/sse';
import { createStreamHub, type StreamHub } from './hub';
import { STREAM_LIMIT, streamRoutes } from './routes';

/**
 * A stream lives as long as the session or token it was opened with: it closes at once when that
 * ends — logout, revocation, a disabled account — even when the stream is held by another API
 * process (here: a second authenticator, hub and app on the same database and Redis prefix).
 */
let t: TestPlatform;
let elsewhere: { hub: StreamHub; server: Server; close(): void };
let here: Server;
const bases: { here: string; elsewhere: string } = { here: '', elsewhere: '' };
const open: SseConnection[] = [];
let lcrcbAdmin: SignedIn;

function listen(app: ReturnType<typeof createApp>): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  return new Promise((resolve) =>
    server.once('listening', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${API}` }),
    ),
  );
}

beforeAll(async () => {
  t = await createTestPlatform();
  const { db, redis, logger } = t.platform;
  const config = t.config;
  const hub = createStreamHub(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const auth = createAuthenticator({ db, redis, config, loginLimiter: createLoginLimiter(redis, config.REDIS_PREFIX) });
  const limits = createUsageLimits(redis, config.REDIS_PREFIX);
  const app = createApp({
    routes: [...authRoutes({ db, config, auth, limits }), ...streamRoutes({ db, hub, heartbeatMs: 15_000, limits })],
    auth,
    metrics: createMetrics(),
    logger,
    trustProxy: config.TRUST_PROXY,
    checkReady: async () => undefined,
  });
  await Promise.all([hub.ready, t.platform.streamHub.ready]);
  const other = await listen(app);
  const local = await listen(t.platform.app);
  elsewhere = {
    hub,
    server: other.server,
    close: () => {
      other.server.close();
      hub.close();
      auth.close();
    },
  };
  here = local.server;
  bases.elsewhere = other.base;
  bases.here = local.base;
  lcrcbAdmin = await t.signIn('inst.lcrcb');
});
afterAll(async () => {
  for (const c of open) c.close();
  elsewhere?.close();
  here?.close();
  await t?.close();
});

async function stream(where: keyof typeof bases, headers: Record<string, string>): Promise<SseConnection> {
  const connection = await openSse(`${bases[where]}/stream`, headers);
  open.push(connection);
  await connection.waitFor((e) => e.event === 'ready');
  return connection;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function tokenOf(username: string, password: string): Promise<string> {
  const res = await t.api.post(`${API}/auth/tokens`).send({ username, password }).expect(201);
  return res.body.token;
}

/** Resolves when the stream ends, or fails after `ms`. */
function endsWithin(connection: SseConnection, ms = 3_000): Promise<void> {
  return Promise.race([
    connection.ended,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`the stream stayed open ${ms} ms`)), ms)),
  ]);
}

/** Still open after a moment: it got past any announcement that could have closed it. */
async function staysOpen(connection: SseConnection): Promise<void> {
  const ended = await Promise.race([
    connection.ended.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 500)),
  ]);
  expect(ended).toBe(false);
}

async function newOfficer(): Promise<{ id: string; username: string; password: string }> {
  const username = `officer.${randomUUID().slice(0, 8)}`;
  const password = `Pw${randomUUID().slice(0, 10)}9`;
  const res = await lcrcbAdmin.agent
    .post(`${API}/institutions/${lcrcbAdmin.user.institutionId}/officers`)
    .set('x-csrf-token', lcrcbAdmin.csrf)
    .send({ username, password, displayName: '测试客户经理', countiesServed: ['371502'] })
    .expect(201);
  return { id: res.body.id, username, password };
}

describe('a live stream', () => {
  it('closes in every API process when its account is disabled, whether opened with a session or a token', async () => {
    const officer = await newOfficer();
    const session = await t.signIn(officer.username, officer.password);
    const token = await tokenOf(officer.username, officer.password);
    const streams = [
      await stream('elsewhere', { Cookie: session.cookie }),
      await stream('elsewhere', bearer(token)),
      await stream('here', bearer(token)),
    ];
    const bystander = await stream('elsewhere', bearer(await tokenOf('officer.qilu', 'demo1234')));

    await lcrcbAdmin.agent
      .patch(`${API}/institutions/${lcrcbAdmin.user.institutionId}/officers/${officer.id}`)
      .set('x-csrf-token', lcrcbAdmin.csrf)
      .send({ status: 'disabled' })
      .expect(200);
    await Promise.all(streams.map((s) => endsWithin(s)));
    await staysOpen(bystander);
    const again = await fetch(`${bases.elsewhere}/stream`, { headers: bearer(token) });
    expect(again.status).toBe(401);
  });

  it('closes when the session it was opened with signs out, and only that one', async () => {
    const first = await t.signIn('ind.demo');
    const second = await t.signIn('ind.demo');
    const [signingOut, staying] = [
      await stream('elsewhere', { Cookie: first.cookie }),
      await stream('elsewhere', { Cookie: second.cookie }),
    ];
    await first.agent.post(`${API}/auth/logout`).set('x-csrf-token', first.csrf).expect(204);
    await endsWithin(signingOut);
    await staysOpen(staying);
  });

  it('closes when the token it was opened with is revoked, and only that one', async () => {
    const [revoked, kept] = [await tokenOf('ent.demo', 'demo1234'), await tokenOf('ent.demo', 'demo1234')];
    const [closing, staying] = [await stream('elsewhere', bearer(revoked)), await stream('elsewhere', bearer(kept))];
    const listed = await t.api.get(`${API}/auth/tokens`).set(bearer(revoked)).expect(200);
    const id = (listed.body.items as { id: string; current: boolean }[]).find((i) => i.current)!.id;
    await t.api.delete(`${API}/auth/tokens/${id}`).set(bearer(kept)).expect(204);
    await endsWithin(closing);
    await staysOpen(staying);
  });
});

describe('streams per account', () => {
  it(`are at most ${STREAM_LIMIT.max} at once across API processes; the next gets 429 and others are unaffected`, async () => {
    const token = await tokenOf('bureau.city', 'demo1234');
    const held: SseConnection[] = [];
    for (let i = 0; i < STREAM_LIMIT.max; i++) held.push(await stream(i % 2 ? 'here' : 'elsewhere', bearer(token)));
    const refused = await fetch(`${bases.here}/stream`, { headers: bearer(token) });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account streams as usual.
    await stream('here', bearer(await tokenOf('bureau.guanxian', 'demo1234')));
    // A closed stream gives its place back.
    held[0]!.close();
    await expect
      .poll(async () => {
        const res = await fetch(`${bases.elsewhere}/stream`, { headers: bearer(token) });
        await res.body?.cancel();
        return res.status;
      })
      .toBe(200);
  });
});
