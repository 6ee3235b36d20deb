import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';
import { DEMO_ACCOUNTS } from '../accounts/demo-accounts';
import { AGREEMENT_VERSION } from './agreements';
import { agreementConsents, users } from './schema';
import { idNumberCheckCharacter, usccCheckCharacter } from './identifiers';
import { LOGIN_LIMITS } from './login-limiter';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

const validUscc = (body17: string) => body17 + usccCheckCharacter(body17);
const validId = (body17: string) => body17 + idNumberCheckCharacter(body17);

function enterprise(overrides: Record<string, unknown> = {}) {
  return {
    role: 'enterprise',
    agreementVersion: AGREEMENT_VERSION,
    username: 'lx.machinery',
    password: 'Strong2024',
    name: '聊城鲁西精密机械有限公司',
    uscc: validUscc('91371502MA3D7P4K2'),
    county: '371502',
    industry: 'C',
    phone: '13906351111',
    ...overrides,
  };
}

function individual(overrides: Record<string, unknown> = {}) {
  return {
    role: 'individual',
    agreementVersion: AGREEMENT_VERSION,
    username: 'wang.farmer',
    password: 'Harvest2024',
    name: '王大庆',
    idNumber: validId('37152519850612231'),
    county: '371525',
    phone: '13906352222',
    ...overrides,
  };
}

/** Registration is a cookie-session write: it needs the CSRF token like any other. */
async function register(body: unknown, lang = 'zh-CN') {
  const agent = supertest.agent(t.platform.app);
  const { body: csrf } = await agent.get(`${API}/auth/csrf`);
  return agent
    .post(`${API}/auth/register`)
    .set('x-csrf-token', csrf.csrfToken)
    .set('Accept-Language', lang)
    .send(body as object);
}

describe('login, me and logout', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role]))(
    '%s signs in as %s, sees itself, signs out',
    async (username, role) => {
      const { agent, csrf, user } = await t.signIn(username);
      expect(user).toMatchObject({ username, role });
      const me = await agent.get(`${API}/auth/me`).expect(200);
      expect(me.body.user).toMatchObject({ username, role });
      await agent.post(`${API}/auth/logout`).set('x-csrf-token', csrf).expect(204);
      await agent.get(`${API}/auth/me`).expect(401);
    },
  );

  it('gives the scope each role needs', async () => {
    const officer = await t.signIn('officer.lcrcb');
    expect(officer.user).toMatchObject({ institutionId: expect.any(String), industry: null });
    // An enterprise's industry comes with its account (its request form starts from it); a person has none.
    const enterprise = await t.signIn('ent.demo');
    expect(enterprise.user).toMatchObject({ county: '371502', industry: 'C' });
    expect((await enterprise.agent.get(`${API}/auth/me`).expect(200)).body.user).toMatchObject({ industry: 'C' });
    expect((await t.signIn('ind.demo')).user).toMatchObject({ county: '371525', industry: null });
    const county = await t.signIn('bureau.guanxian');
    expect(county.user).toMatchObject({ county: '371525' });
    const city = await t.signIn('bureau.city');
    expect(city.user).toMatchObject({ county: null });
  });

  it('answers a wrong password with 401 and no session', async () => {
    const res = await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'wrong-pass1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.error.message).toBe('用户名或密码错误');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await t.api.post(`${API}/auth/tokens`).send({ username: 'nobody.here', password: 'whatever1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the failing address out of the account with 429, even for the right password', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndIp.points; i++) {
      await t.api
        .post(`${API}/auth/tokens`)
        .send({ username: 'ind.demo', password: `guess${i}xx` })
        .expect(401);
    }
    const blocked = await t.api.post(`${API}/auth/tokens`).send({ username: 'ind.demo', password: 'demo1234' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts from the same client are unaffected below the per-IP limit.
    await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'demo1234' }).expect(201);
  });
});

describe('registration', () => {
  it('registers an enterprise that can then sign in', async () => {
    const res = await register(enterprise());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'lx.machinery', role: 'enterprise', id: expect.any(String) });
    const { user } = await t.signIn('lx.machinery', 'Strong2024');
    // The industry it registered with comes back with the account: its request form starts from it.
    expect(user).toMatchObject({ role: 'enterprise', county: '371502', industry: 'C' });
  });

  it('keeps the consent to the agreements with the account: their version and when', async () => {
    const before = Date.now();
    const res = await register(individual({ username: 'consenting.person', idNumber: validId('37152519900101001') }));
    expect(res.status).toBe(201);
    const [consent, ...more] = await t.platform.db
      .select()
      .from(agreementConsents)
      .where(eq(agreementConsents.userId, res.body.id));
    expect(more).toEqual([]);
    expect(consent!.version).toBe(AGREEMENT_VERSION);
    expect(consent!.acceptedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(consent!.acceptedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it.each([
    ['without it', undefined],
    ['for another version', '2020-01-01'],
    ['as a mere yes', true],
  ])(
    'refuses a registration whose consent is missing or stale (%s) with 400 naming agreementVersion',
    async (_, version) => {
      const username = 'no.consent';
      const res = await register(
        enterprise({ username, uscc: validUscc('91371502MA3D7P4K5'), agreementVersion: version }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'agreementVersion', message: '请阅读并同意当前版本的《用户协议》和《隐私政策》' },
      ]);
      const [created] = await t.platform.db.select({ id: users.id }).from(users).where(eq(users.username, username));
      expect(created).toBeUndefined();
    },
  );

  it('registers an individual, normalising the username', async () => {
    const res = await register(individual({ username: 'Wang.Farmer' }));
    expect(res.status).toBe(201);
    expect(res.body.username).toBe('wang.farmer');
  });

  it.each([
    ['uscc', enterprise({ username: 'bad.uscc', uscc: '91371502MA3D7P4K2A' })],
    ['uscc', enterprise({ username: 'short.uscc', uscc: '9137150' })],
    ['idNumber', individual({ username: 'bad.id', idNumber: '371525198506122310' })],
    ['password', enterprise({ username: 'weak.pass', password: 'abcdefgh' })],
    ['password', enterprise({ username: 'short.pass', password: 'ab1' })],
    ['phone', individual({ username: 'bad.phone', phone: '0635-1234567' })],
    ['county', individual({ username: 'bad.county', county: '110101' })],
    ['industry', enterprise({ username: 'bad.industry', industry: 'Z' })],
    ['username', enterprise({ username: 'a b' })],
  ])('rejects a bad %s with 400 naming the field', async (field, body) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('explains a bad credit code in English when asked', async () => {
    const res = await register(enterprise({ username: 'en.user', uscc: '91371502MA3D7P4K2A' }), 'en-US');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Some fields are invalid');
    expect(res.body.error.details[0].message).toMatch(/check character/);
  });

  it.each([
    ['username', () => enterprise({ uscc: validUscc('91371502MA3D7P4K9') })],
    ['uscc', () => enterprise({ username: 'another.firm' })],
    ['idNumber', () => individual({ username: 'another.person' })],
  ])('rejects a duplicate %s with 409 naming the field', async (field, body) => {
    const res = await register(body());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await register(enterprise({ username: 'huge.body', name: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.api.post(`${API}/auth/tokens`).set('content-type', 'application/json').send('{"username":');
    expect(res.status).toBe(400);
  });
});

describe('sessions, CSRF and bearer tokens', () => {
  const institution = { name: '聊城测试村镇银行', type: 'village_bank', regionCode: '371526' };

  it('refuses a cookie-session write without the CSRF token', async () => {
    const { agent } = await t.signIn('admin');
    const res = await agent.post(`${API}/institutions`).send(institution);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await agent.post(`${API}/institutions`).set('x-csrf-token', 'forged').send(institution);
    expect(wrong.status).toBe(403);
  });

  it('accepts the same write with the token', async () => {
    const { agent, csrf } = await t.signIn('admin');
    const res = await agent.post(`${API}/institutions`).set('x-csrf-token', csrf).send(institution);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: institution.name, type: 'village_bank' });
  });

  it('accepts a bearer token without any CSRF token, and refuses a bad one', async () => {
    const { body } = await t.api
      .post(`${API}/auth/tokens`)
      .send({ username: 'admin', password: 'demo1234' })
      .expect(201);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const res = await t.api
      .post(`${API}/institutions`)
      .set('Authorization', `Bearer ${body.token}`)
      .send({ ...institution, name: '聊城测试担保公司', type: 'guarantee' });
    expect(res.status).toBe(201);
    await t.api.get(`${API}/auth/me`).set('Authorization', 'Bearer lcf_not-a-token').expect(401);
  });

  it('keeps a session across an API restart (sessions live in Redis)', async () => {
    const { cookie } = await t.signIn('ent.demo');
    await t.restart();
    const me = await t.api.get(`${API}/auth/me`).set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('ent.demo');
  });

  it('ends the sessions and tokens of a disabled account at once', async () => {
    const officer = await t.signIn('officer.qilu');
    const { body: token } = await t.api
      .post(`${API}/auth/tokens`)
      .send({ username: 'officer.qilu', password: 'demo1234' });
    // Both in use (and so cached by this process) before the account is disabled.
    await officer.agent.get(`${API}/auth/me`).expect(200);
    await t.api.get(`${API}/auth/me`).set('Authorization', `Bearer ${token.token}`).expect(200);
    const admin = await t.signIn('admin');
    await admin.agent.post(`${API}/accounts/${officer.user.id}/disable`).set('x-csrf-token', admin.csrf).expect(200);
    await officer.agent.get(`${API}/auth/me`).expect(401);
    await t.api.get(`${API}/auth/me`).set('Authorization', `Bearer ${token.token}`).expect(401);
    const again = await t.api.post(`${API}/auth/tokens`).send({ username: 'officer.qilu', password: 'demo1234' });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('ACCOUNT_DISABLED');
  });

  it('sets an httpOnly, SameSite session cookie', async () => {
    const res = await t.api.get(`${API}/auth/csrf`);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lcfin\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});
