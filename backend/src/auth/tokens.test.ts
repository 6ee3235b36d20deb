import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { MAX_LIVE_TOKENS } from './service';

/** Bearer tokens: they die with a disabled account, and their owner lists, revokes and is capped in them. */
let t: TestPlatform;
let lcrcbAdmin: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  lcrcbAdmin = await t.signIn('inst.lcrcb');
});
afterAll(async () => {
  await t?.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function tokenOf(username: string, password = 'demo1234') {
  return t.api.post(`${API}/auth/tokens`).send({ username, password });
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

describe('a disabled account', () => {
  it('keeps none of its tokens when it is re-enabled by its institution', async () => {
    const officer = await newOfficer();
    const { token } = (await tokenOf(officer.username, officer.password)).body;
    await t.api.get(`${API}/auth/me`).set(bearer(token)).expect(200);
    const path = `${API}/institutions/${lcrcbAdmin.user.institutionId}/officers/${officer.id}`;
    const setStatus = (status: string) =>
      lcrcbAdmin.agent.patch(path).set('x-csrf-token', lcrcbAdmin.csrf).send({ status }).expect(200);
    await setStatus('disabled');
    await setStatus('active');
    expect((await t.api.get(`${API}/auth/me`).set(bearer(token))).status).toBe(401);
    expect((await tokenOf(officer.username, officer.password)).status).toBe(201);
  });

  it('keeps none of its tokens when it is re-enabled after the platform admin disabled it', async () => {
    const officer = await newOfficer();
    const { token } = (await tokenOf(officer.username, officer.password)).body;
    const admin = await t.signIn('admin');
    await admin.agent.post(`${API}/accounts/${officer.id}/disable`).set('x-csrf-token', admin.csrf).expect(200);
    await lcrcbAdmin.agent
      .patch(`${API}/institutions/${lcrcbAdmin.user.institutionId}/officers/${officer.id}`)
      .set('x-csrf-token', lcrcbAdmin.csrf)
      .send({ status: 'active' })
      .expect(200);
    expect((await t.api.get(`${API}/auth/me`).set(bearer(token))).status).toBe(401);
  });
});

describe('GET and DELETE /auth/tokens', () => {
  it("list the caller's live tokens, never the tokens themselves, and revoke one at once", async () => {
    const officer = await newOfficer();
    const first = (await tokenOf(officer.username, officer.password)).body.token as string;
    const second = (await tokenOf(officer.username, officer.password)).body.token as string;
    await tokenOf('officer.qilu');
    const listed = await t.api.get(`${API}/auth/tokens`).set(bearer(first)).expect(200);
    const items = listed.body.items as { id: string; createdAt: string; expiresAt: string; current: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(first.slice(4));
    const current = items.find((i) => i.current)!;
    await t.api.get(`${API}/auth/me`).set(bearer(first)).expect(200);
    // Revoked with the other token; the revoked one stops working at once.
    await t.api.delete(`${API}/auth/tokens/${current.id}`).set(bearer(second)).expect(204);
    expect((await t.api.get(`${API}/auth/me`).set(bearer(first))).status).toBe(401);
    const after = await t.api.get(`${API}/auth/tokens`).set(bearer(second)).expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(current.id);
  });

  it("answer 404 for another account's token, and leave it working", async () => {
    const theirs = (await tokenOf('ind.demo')).body.token as string;
    const theirId = (await t.api.get(`${API}/auth/tokens`).set(bearer(theirs))).body.items.find(
      (i: { current: boolean }) => i.current,
    ).id;
    const mine = (await tokenOf('ent.demo')).body.token as string;
    const res = await t.api.delete(`${API}/auth/tokens/${theirId}`).set(bearer(mine));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    await t.api.get(`${API}/auth/me`).set(bearer(theirs)).expect(200);
  });

  it('take a cookie session too (with its CSRF token), and name a bad id', async () => {
    const session = await t.signIn('ent.demo');
    const listed = await session.agent.get(`${API}/auth/tokens`).expect(200);
    expect(listed.body.items.every((i: { current: boolean }) => !i.current)).toBe(true);
    const bad = await session.agent.delete(`${API}/auth/tokens/not-an-id`).set('x-csrf-token', session.csrf);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('id');
  });
});

describe('live tokens per account', () => {
  it(`are at most ${MAX_LIVE_TOKENS}: the next is refused until one is revoked`, async () => {
    const officer = await newOfficer();
    const tokens: string[] = [];
    for (let i = 0; i < MAX_LIVE_TOKENS; i++) {
      tokens.push((await tokenOf(officer.username, officer.password).expect(201)).body.token);
    }
    const refused = await tokenOf(officer.username, officer.password);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TOO_MANY_TOKENS');
    const { items } = (await t.api.get(`${API}/auth/tokens`).set(bearer(tokens[0]!))).body;
    await t.api.delete(`${API}/auth/tokens/${items[0].id}`).set(bearer(tokens[0]!)).expect(204);
    expect((await tokenOf(officer.username, officer.password)).status).toBe(201);
  });
});
