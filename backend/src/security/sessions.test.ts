import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_VERSION } from '../auth/agreements';
import { idNumberCheckCharacter, usccCheckCharacter } from '../auth/identifiers';
import { LOGIN_LIMITS } from '../auth/login-limiter';
import { enterpriseProfiles } from '../auth/schema';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';

/** Everything the platform logs while this file runs (at debug), to search for secrets afterwards. */
const logLines: string[] = [];
/** Where the requests' lines start: start-up announces the public demo password (demo mode only). */
let firstRequestLine = 0;
/** Every secret this file uses: none may reach the logs. */
const secrets = new Set<string>();

let t: TestPlatform;
let admin: SignedIn;
let lcrcbAdmin: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform({ LOG_LEVEL: 'debug' }, { write: (line: string) => void logLines.push(line) });
  firstRequestLine = logLines.length;
  [admin, lcrcbAdmin] = await Promise.all([t.signIn('admin'), t.signIn('inst.lcrcb')]);
});
afterAll(async () => {
  await t?.close();
});

type Agent = ReturnType<typeof supertest.agent>;

/** The session cookie (`lcfin.sid=…`) a response set, if any. */
function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('lcfin.sid='));
}

/** The Redis key of the session a cookie names (express-session signs the id: `s:<id>.<signature>`). */
function sessionKey(cookie: string): string {
  const value = decodeURIComponent(cookie.split(';')[0]!.slice('lcfin.sid='.length));
  return `${t.config.REDIS_PREFIX}:sess:${value.slice(2, value.lastIndexOf('.'))}`;
}

async function sessionExists(cookie: string): Promise<boolean> {
  return (await t.platform.redis.exists(sessionKey(cookie))) === 1;
}

/** What another browser holding only this cookie gets from /auth/me. */
async function meWith(cookie: string): Promise<number> {
  return (await t.api.get(`${API}/auth/me`).set('Cookie', cookie.split(';')[0]!)).status;
}

async function csrfOf(agent: Agent): Promise<{ token: string; cookie: string }> {
  const res = await agent.get(`${API}/auth/csrf`).expect(200);
  secrets.add(res.body.csrfToken);
  return { token: res.body.csrfToken, cookie: sessionCookie(res)! };
}

async function login(agent: Agent, username: string, password: string, token: string) {
  secrets.add(password);
  const res = await agent.post(`${API}/auth/login`).set('x-csrf-token', token).send({ username, password });
  if (res.body.csrfToken) secrets.add(res.body.csrfToken);
  const cookie = sessionCookie(res);
  if (cookie) secrets.add(cookie.split(';')[0]!.slice('lcfin.sid='.length));
  return res;
}

/** A new officer of 聊城农商银行, made by its admin: one whose account the tests may disable. */
async function newOfficer(): Promise<{ id: string; username: string; password: string }> {
  const username = `officer.${randomUUID().slice(0, 8)}`;
  const password = `Pw${randomUUID().slice(0, 10)}9`;
  const res = await lcrcbAdmin.agent
    .post(`${API}/institutions/${lcrcbAdmin.user.institutionId}/officers`)
    .set('x-csrf-token', lcrcbAdmin.csrf)
    .send({ username, password, displayName: '测试客户经理', countiesServed: ['371502'] })
    .expect(201);
  secrets.add(password);
  return { id: res.body.id, username, password };
}

async function signedIn(username: string, password: string): Promise<string> {
  const agent = supertest.agent(t.platform.app);
  const { token } = await csrfOf(agent);
  const res = await login(agent, username, password, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sessionCookie(res)!;
}

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const cookie = sessionCookie(await t.api.get(`${API}/auth/csrf`).expect(200))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('is Secure when a trusted proxy says the client used HTTPS', async () => {
    const res = await t.api.get(`${API}/auth/csrf`).set('X-Forwarded-Proto', 'https').expect(200);
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});

describe('the session id', () => {
  it('changes on login, and the pre-login session is gone', async () => {
    const agent = supertest.agent(t.platform.app);
    const before = await csrfOf(agent);
    expect(await sessionExists(before.cookie)).toBe(true);
    const res = await login(agent, 'ent.demo', 'demo1234', before.token);
    expect(res.status).toBe(200);
    const after = sessionCookie(res)!;
    expect(sessionKey(after)).not.toBe(sessionKey(before.cookie));
    expect(await sessionExists(before.cookie)).toBe(false);
    expect(await meWith(before.cookie)).toBe(401);
    expect(await meWith(after)).toBe(200);
  });

  it('is destroyed on logout, and the cookie cleared', async () => {
    const agent = supertest.agent(t.platform.app);
    const { token } = await csrfOf(agent);
    const res = await login(agent, 'ind.demo', 'demo1234', token);
    const cookie = sessionCookie(res)!;
    const out = await agent.post(`${API}/auth/logout`).set('x-csrf-token', res.body.csrfToken).expect(204);
    expect(sessionCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await sessionExists(cookie)).toBe(false);
    expect(await meWith(cookie)).toBe(401);
  });

  it('is destroyed, in every browser, when the platform admin disables the account', async () => {
    const officer = await newOfficer();
    const cookies = [
      await signedIn(officer.username, officer.password),
      await signedIn(officer.username, officer.password),
    ];
    for (const cookie of cookies) expect(await meWith(cookie)).toBe(200);
    await admin.agent.post(`${API}/accounts/${officer.id}/disable`).set('x-csrf-token', admin.csrf).expect(200);
    for (const cookie of cookies) {
      expect(await sessionExists(cookie)).toBe(false);
      expect(await meWith(cookie)).toBe(401);
    }
  });

  it('is destroyed when the institution disables its officer, and stays dead when it is re-enabled', async () => {
    const officer = await newOfficer();
    const cookie = await signedIn(officer.username, officer.password);
    const path = `${API}/institutions/${lcrcbAdmin.user.institutionId}/officers/${officer.id}`;
    const setStatus = (status: string) =>
      lcrcbAdmin.agent.patch(path).set('x-csrf-token', lcrcbAdmin.csrf).send({ status }).expect(200);
    await setStatus('disabled');
    expect(await sessionExists(cookie)).toBe(false);
    await setStatus('active');
    expect(await meWith(cookie)).toBe(401);
    // A fresh sign-in works again.
    expect(await meWith(await signedIn(officer.username, officer.password))).toBe(200);
  });
});

describe('CSRF', () => {
  const writes = () => t.platform.routes.filter((r) => r.method !== 'get');

  it('exempts only the token endpoint, which takes no cookie', () => {
    const exempt = writes().filter((r) => r.csrfExempt);
    expect(exempt.map((r) => `${r.method} ${r.path}`)).toEqual(['post /auth/tokens']);
  });

  it('refuses every cookie-session write without the token, or with another session’s', async () => {
    const other = await t.signIn('ent.demo');
    const checked: string[] = [];
    for (const route of writes().filter((r) => !r.csrfExempt)) {
      const url = `${API}${route.path.replace(/:(\w+)/g, () => randomUUID())}`;
      for (const token of [undefined, other.csrf]) {
        const req = admin.agent[route.method](url);
        if (token) req.set('x-csrf-token', token);
        const res = await req.send({});
        expect(res.status, `${route.method} ${route.path}`).toBe(403);
        expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
      }
      checked.push(route.path);
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('answers a bearer request for a CSRF token with a 400 naming the header: it has no session to hold one', async () => {
    const { body } = await t.api
      .post(`${API}/auth/tokens`)
      .send({ username: 'ent.demo', password: 'demo1234' })
      .expect(201);
    secrets.add(body.token);
    const res = await t.api
      .get(`${API}/auth/csrf`)
      .set('Authorization', `Bearer ${body.token}`)
      .set('Accept-Language', 'en');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          path: 'Authorization',
          message: 'A bearer request needs no CSRF token; ask for one without the Authorization header',
        },
      ],
    });
    expect(sessionCookie(res)).toBeUndefined();
  });
});

describe('login throttling', () => {
  const tokens = (username: string, password: string, ip: string) =>
    t.api.post(`${API}/auth/tokens`).set('X-Forwarded-For', ip).send({ username, password });

  it('locks the failing address out of an account on the login form, for both sign-in endpoints', async () => {
    const officer = await newOfficer();
    const agent = supertest.agent(t.platform.app);
    const { token } = await csrfOf(agent);
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndIp.points; i++) {
      expect((await login(agent, officer.username, `wrong-${i}-pass`, token)).status).toBe(401);
    }
    const locked = await login(agent, officer.username, officer.password, token);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tokens(officer.username, officer.password, '127.0.0.1')).status).toBe(429);
    // The owner, from an address of their own, still gets in.
    const owner = await tokens(officer.username, officer.password, '198.51.100.20');
    expect(owner.status).toBe(201);
    secrets.add(owner.body.token);
  });

  it('lets the owner in after failures from many addresses, and slows the guessers down', async () => {
    const officer = await newOfficer();
    for (let i = 0; i < LOGIN_LIMITS.perAccount.points; i++) {
      expect((await tokens(officer.username, `wrong-${i}-pass`, `203.0.113.${100 + i}`)).status).toBe(401);
    }
    // The account is slowed: a guess from an address never seen gets through, the next must wait…
    expect((await tokens(officer.username, 'wrong-next-pass', '203.0.113.120')).status).toBe(401);
    const waiting = await tokens(officer.username, 'wrong-again-pass', '203.0.113.121');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(LOGIN_LIMITS.slowedAccountSeconds);
    // …and an address that failed on it waits for the whole window.
    expect((await tokens(officer.username, officer.password, '203.0.113.100')).status).toBe(429);
    // Once the slowed turn is free again, the owner with the right password from a clean address gets in.
    await t.platform.redis.del(`${t.config.REDIS_PREFIX}:rl:login-slowed:${officer.username}`);
    const owner = await tokens(officer.username, officer.password, '198.51.100.30');
    expect(owner.status).toBe(201);
    secrets.add(owner.body.token);
  });

  it('does not lock the owner out after five wrong passwords from five addresses', async () => {
    const officer = await newOfficer();
    for (let i = 0; i < LOGIN_LIMITS.perAccount.points; i++) {
      expect((await tokens(officer.username, `wrong-${i}-pass`, `203.0.113.${10 + i}`)).status).toBe(401);
    }
    const agent = supertest.agent(t.platform.app);
    const { token } = await csrfOf(agent);
    const form = await agent
      .post(`${API}/auth/login`)
      .set('X-Forwarded-For', '198.51.100.40')
      .set('x-csrf-token', token)
      .send({ username: officer.username, password: officer.password });
    expect(form.status).toBe(200);
  });

  // 50 failed attempts, each a full scrypt verification, take a while on a busy machine.
  it(
    'blocks an address after repeated failures across accounts, and only that address',
    { timeout: 180_000 },
    async () => {
      const officer = await newOfficer();
      const attacker = '203.0.113.9';
      for (let i = 0; i < LOGIN_LIMITS.perIp.points; i++) {
        expect((await tokens(`nobody.${i}`, 'guess-pass-1', attacker)).status).toBe(401);
      }
      const blocked = await tokens(officer.username, officer.password, attacker);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      const agent = supertest.agent(t.platform.app);
      const { token } = await csrfOf(agent);
      const form = await agent
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', attacker)
        .set('x-csrf-token', token)
        .send({ username: officer.username, password: officer.password });
      expect(form.status).toBe(429);
      const elsewhere = await tokens(officer.username, officer.password, '198.51.100.21');
      expect(elsewhere.status).toBe(201);
      secrets.add(elsewhere.body.token);
    },
  );
});

describe('logs', () => {
  const validUscc = (body17: string) => body17 + usccCheckCharacter(body17);
  const validId = (body17: string) => body17 + idNumberCheckCharacter(body17);
  const person = { idNumber: validId('37150219800101123'), phone: '13906357788', uscc: validUscc('91371500MA3C8X2Q1') };

  it('hold no password, token, session id or CSRF token from sign-ups, sign-ins and token requests', async () => {
    const agent = supertest.agent(t.platform.app);
    const { token } = await csrfOf(agent);
    const password = 'Harvest2025x';
    secrets.add(password);
    await agent
      .post(`${API}/auth/register`)
      .set('x-csrf-token', token)
      .send({
        role: 'individual',
        username: 'log.person',
        password,
        name: '李卫民',
        county: '371502',
        agreementVersion: AGREEMENT_VERSION,
        ...person,
      })
      .expect(201);
    expect((await login(agent, 'log.person', 'not-my-password1', token)).status).toBe(401);
    const bearer = await t.api.post(`${API}/auth/tokens`).send({ username: 'log.person', password }).expect(201);
    secrets.add(bearer.body.token);
    await t.api.get(`${API}/auth/me`).set('Authorization', `Bearer ${bearer.body.token}`).expect(200);

    const logged = logLines.slice(firstRequestLine).join('');
    // The capture is real: requests were logged, with their headers.
    expect(logged).toContain('"url":"/api/v1/auth/tokens"');
    expect(logged).toContain('"authorization":"[redacted]"');
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(logged, 'a secret reached the logs').not.toContain(secret);
    for (const value of Object.values(person)) expect(logged).not.toContain(value);
  });

  it('mask personal data in whatever object is logged', () => {
    const before = logLines.length;
    t.platform.logger.info({ body: { name: '李卫民', ...person, password: 'Harvest2025x' } }, 'registration');
    t.platform.logger.info({ request: { applicant: { contactPhone: '13806351234' } } }, 'nested');
    const logged = logLines.slice(before).join('');
    expect(logged).toContain('"phone":"139****7788"');
    expect(logged).toContain('"contactPhone":"138****1234"');
    expect(logged).toContain('"idNumber":"[redacted]"');
    for (const value of [...Object.values(person), '13806351234', 'Harvest2025x']) {
      expect(logged).not.toContain(value);
    }
  });

  it("keep a failed query's values out of a logged error", async () => {
    const row = { userId: randomUUID(), name: '日志测试有限公司', industry: 'C', ...person };
    const err = await t.platform.db
      .insert(enterpriseProfiles)
      .values(row)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toContain(person.uscc);
    const before = logLines.length;
    t.platform.logger.error({ err }, 'request failed');
    const logged = logLines.slice(before).join('');
    expect(logged).toContain('insert into \\"enterprise_profiles\\"');
    expect(logged).toContain('params: [redacted]');
    for (const value of Object.values(person)) expect(logged).not.toContain(value);
  });
});
