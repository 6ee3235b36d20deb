import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createCatalogSnapshot } from '../catalog/snapshot';
import { openInPool } from '../requests/matcher';
import { requestCandidates } from '../requests/schema';
import { API, createTestPlatform, ORDINARY_NEED, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { generateTemporaryPassword } from './password';

let t: TestPlatform;
let admin: SignedIn;
let bureau: SignedIn;
let bankAdmin: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [admin, bureau, bankAdmin] = await Promise.all([t.signIn('admin'), t.signIn('bureau.city'), t.signIn('inst.lcrcb')]);
});
afterAll(async () => {
  await t?.close();
});

const auditOf = async (action: string) =>
  (await admin.agent.get(`${API}/audit?action=${action}&actor=admin`).expect(200)).body.items;

describe('the account console', () => {
  it('is the platform admin’s alone', async () => {
    for (const who of [bureau, bankAdmin]) {
      await who.agent.get(`${API}/accounts`).expect(403);
      expect(
        (await post(who, '/accounts', { username: 'x.y', password: 'Abcd1234', role: 'bureau', name: 'x' })).status,
      ).toBe(403);
      expect((await post(who, `/accounts/${admin.user.id}/reset-password`)).status).toBe(403);
      expect((await post(who, `/accounts/${admin.user.id}/disable`)).status).toBe(403);
      expect((await post(who, `/accounts/${admin.user.id}/enable`)).status).toBe(403);
    }
  });

  it('creates an account with the public contract’s fields, naming each bad field', async () => {
    const created = await post(admin, '/accounts', {
      username: 'bureau.donge',
      password: 'Donge2026',
      role: 'bureau',
      name: '东阿县金融办',
      region: '371524',
    }).expect(201);
    expect(created.body).toMatchObject({
      username: 'bureau.donge',
      role: 'bureau',
      displayName: '东阿县金融办',
      county: '371524',
      mustChangePassword: false,
    });
    await t.signIn('bureau.donge', 'Donge2026');

    const problems = async (body: object) =>
      (await post(admin, '/accounts', body).expect(400)).body.error.details.map((d: { path: string }) => d.path);
    const base = { username: 'new.one', password: 'Abcd1234', role: 'bureau', name: '新账户' };
    expect(await problems({ ...base, name: undefined })).toEqual(['name']);
    expect(await problems({ ...base, role: 'officer' })).toEqual(['institutionId']);
    expect(await problems({ ...base, role: 'admin', region: '371524' })).toEqual(['region']);
    expect(await problems({ ...base, region: '110101' })).toEqual(['region']);
    expect(await problems({ ...base, password: 'short' })).toEqual(['password']);
    expect(await problems({ ...base, role: 'enterprise' })).toEqual(['role']);
    const taken = await post(admin, '/accounts', { ...base, username: 'bureau.donge' }).expect(409);
    expect(taken.body.error.details).toEqual([{ path: 'username', message: '用户名已被使用' }]);
  });

  it('lists accounts by role and name, with their institution', async () => {
    const res = await admin.agent.get(`${API}/accounts?role=institution_admin&q=lcrcb`).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ username: 'inst.lcrcb', institutionName: '聊城农商银行', status: 'active' }),
    ]);
  });
});

describe('a password reset', () => {
  it('lets the owner in only to change the password, ending its sessions and tokens', async () => {
    const before = await t.signIn('officer.qilu');
    const token = (await t.api.post(`${API}/auth/tokens`).send({ username: 'officer.qilu', password: 'demo1234' })).body
      .token;
    const reset = await post(admin, `/accounts/${before.user.id}/reset-password`, { password: 'Temp2026x' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ account: expect.objectContaining({ mustChangePassword: true }) });

    // The old session and token are gone; the old password no longer works.
    await before.agent.get(`${API}/auth/me`).expect(401);
    await t.api.get(`${API}/pool`).set('Authorization', `Bearer ${token}`).expect(401);
    await expect(t.signIn('officer.qilu')).rejects.toThrow(/401/);

    // Signed in with the temporary password: me, logout and the change itself, nothing else.
    const temp = await t.signIn('officer.qilu', 'Temp2026x');
    expect(temp.user).toMatchObject({ mustChangePassword: true });
    const refused = await temp.agent.get(`${API}/pool`).expect(403);
    expect(refused.body.error).toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: '密码已由管理员重置，请先修改密码',
    });
    await temp.agent.get(`${API}/auth/me`).expect(200);
    // What is public it sees as a visitor does.
    for (const path of ['/products', '/platform/figures']) {
      const visitor = await t.api.get(`${API}${path}`).expect(200);
      expect((await temp.agent.get(`${API}${path}`).expect(200)).body, path).toEqual(visitor.body);
    }

    const wrong = await post(temp, '/auth/change-password', { currentPassword: 'nope', newPassword: 'Mine2026ok' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    const same = await post(temp, '/auth/change-password', { currentPassword: 'Temp2026x', newPassword: 'Temp2026x' });
    expect(same.body.error.details).toEqual([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const weak = await post(temp, '/auth/change-password', { currentPassword: 'Temp2026x', newPassword: 'abc' });
    expect(weak.body.error.details[0]).toMatchObject({ path: 'newPassword' });

    const changed = await post(temp, '/auth/change-password', {
      currentPassword: 'Temp2026x',
      newPassword: 'Mine2026ok',
    }).expect(200);
    expect(changed.body.user).toMatchObject({ username: 'officer.qilu', mustChangePassword: false });
    // The same browser carries on, on its new session.
    await temp.agent.get(`${API}/pool`).expect(200);
    await t.signIn('officer.qilu', 'Mine2026ok');
    expect(await auditOf('account.reset_password')).toEqual([
      expect.objectContaining({ subjectId: before.user.id, details: { username: 'officer.qilu', generated: false } }),
    ]);
  });

  it('generates a temporary password when the admin gives none, shown once', async () => {
    const ind = await t.signIn('ind.demo');
    const reset = await post(admin, `/accounts/${ind.user.id}/reset-password`).expect(200);
    const generated: string = reset.body.generatedPassword;
    expect(generated).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    const signedIn = await t.signIn('ind.demo', generated);
    expect(signedIn.user).toMatchObject({ mustChangePassword: true });
    const listed = await admin.agent.get(`${API}/accounts?q=ind.demo`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(generated);
  });

  it('names the bad field, and is not for the admin’s own account', async () => {
    const weak = await post(admin, `/accounts/${bureau.user.id}/reset-password`, { password: '12345678' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0]).toMatchObject({ path: 'password' });
    const self = await post(admin, `/accounts/${admin.user.id}/reset-password`).expect(403);
    expect(self.body.error.details).toEqual([{ path: 'id', message: '不能对自己的账户执行此操作' }]);
  });
});

describe('disabling an account', () => {
  it('ends its sessions and refuses its sign-in until it is enabled again', async () => {
    const checker = await t.signIn('bureau.guanxian');
    const disabled = await post(admin, `/accounts/${checker.user.id}/disable`).expect(200);
    expect(disabled.body.status).toBe('disabled');
    await checker.agent.get(`${API}/auth/me`).expect(401);
    await expect(t.signIn('bureau.guanxian')).rejects.toThrow(/403.*ACCOUNT_DISABLED/);
    await post(admin, `/accounts/${checker.user.id}/enable`).expect(200);
    await t.signIn('bureau.guanxian');
    expect((await auditOf('account.enable'))[0]).toMatchObject({ subjectId: checker.user.id });
  });
});

describe('generateTemporaryPassword', () => {
  it('meets the password rule every time, and repeats nothing', () => {
    const passwords = Array.from({ length: 200 }, () => generateTemporaryPassword());
    for (const p of passwords) expect(p).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z2-9]{12}$/);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe('onboarding an institution', () => {
  it('creates its first admin in the same transaction, who must change the password', async () => {
    const institution = {
      name: '东阿齐鲁村镇银行',
      type: 'village_bank',
      regionCode: '371524',
      countiesServed: ['371524'],
      contactName: '王经理',
      contactPhone: '0635-3281234',
    };
    // A taken username: neither the institution nor the account is created.
    const taken = await post(admin, '/institutions', {
      ...institution,
      firstAdmin: { username: 'inst.lcrcb', displayName: '管理员', password: 'First2026' },
    }).expect(409);
    expect(taken.body.error.details).toEqual([{ path: 'firstAdmin.username', message: '用户名已被使用' }]);
    const search = await admin.agent.get(`${API}/institutions?q=${encodeURIComponent('东阿齐鲁')}`).expect(200);
    expect(search.body.total).toBe(0);
    const bad = await post(admin, '/institutions', { ...institution, firstAdmin: { username: 'x' } }).expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'firstAdmin.username',
      'firstAdmin.displayName',
      'firstAdmin.password',
    ]);

    const created = await post(admin, '/institutions', {
      ...institution,
      firstAdmin: { username: 'inst.donge', displayName: '东阿齐鲁管理员', password: 'First2026' },
    }).expect(201);
    expect(created.body).toMatchObject({ name: '东阿齐鲁村镇银行', status: 'active' });
    const first = await t.signIn('inst.donge', 'First2026');
    expect(first.user).toMatchObject({
      role: 'institution_admin',
      institutionId: created.body.id,
      mustChangePassword: true,
    });
    await first.agent.get(`${API}/institutions/${created.body.id}/officers`).expect(403);
    await post(first, '/auth/change-password', { currentPassword: 'First2026', newPassword: 'Donge2026ok' }).expect(
      200,
    );
    await first.agent.get(`${API}/institutions/${created.body.id}/officers`).expect(200);
    expect((await auditOf('account.create'))[0]).toMatchObject({
      details: { username: 'inst.donge', institutionId: created.body.id, mustChangePassword: true },
    });
  });
});

describe('a suspended institution', () => {
  it('has its products out of the catalog and its officers unable to claim, until reinstated', async () => {
    const ent = await t.signIn('ent.demo');
    const lcrcbOfficer = await t.signIn('officer.lcrcb');
    const lcrcb = lcrcbOfficer.user.institutionId!;
    const products = async () =>
      (await t.api.get(`${API}/products?institutionId=${lcrcb}&pageSize=50`).expect(200)).body.items as {
        id: string;
      }[];
    const listed = await products();
    expect(listed.length).toBeGreaterThan(0);
    const requestId = await t.openRequest(ent);

    await post(bureau, `/institutions/${lcrcb}/suspend`, { reason: '停业整顿' }).expect(403);
    const noReason = await post(admin, `/institutions/${lcrcb}/suspend`, {}).expect(400);
    expect(noReason.body.error.details[0]).toMatchObject({ path: 'reason' });
    const suspended = await post(admin, `/institutions/${lcrcb}/suspend`, { reason: '停业整顿' }).expect(200);
    expect(suspended.body.status).toBe('suspended');

    expect(await products()).toEqual([]);
    await t.api.get(`${API}/products/${listed[0]!.id}`).expect(404);
    // Its own admin still sees its products, to manage them.
    await bankAdmin.agent.get(`${API}/products/${listed[0]!.id}`).expect(200);
    const claim = await post(lcrcbOfficer, `/loan-requests/${requestId}/claim`).expect(403);
    expect(claim.body.error.details).toEqual([{ path: 'institutionId', message: '该机构已暂停服务' }]);
    // Only the admin sees it in the list of institutions.
    const publicList = await t.api.get(`${API}/institutions?q=${encodeURIComponent('聊城农商')}`).expect(200);
    expect(publicList.body.total).toBe(0);
    const adminList = await admin.agent.get(`${API}/institutions?status=suspended`).expect(200);
    expect(adminList.body.items.map((i: { id: string }) => i.id)).toEqual([lcrcb]);
    expect((await auditOf('institution.suspend'))[0]).toMatchObject({
      subjectId: lcrcb,
      details: { reason: '停业整顿' },
    });

    await post(admin, `/institutions/${lcrcb}/reinstate`).expect(200);
    expect((await products()).length).toBe(listed.length);
    await post(lcrcbOfficer, `/loan-requests/${requestId}/claim`).expect(200);
  });

  it('is offered no request, not even by a matcher whose catalog predates the suspension', async () => {
    const ent = await t.signIn('ent.demo');
    const officer = await t.signIn('officer.lcrcb');
    const lcrcb = officer.user.institutionId!;
    const pool = async () =>
      (await officer.agent.get(`${API}/pool`).expect(200)).body.items.map((r: { id: string }) => r.id) as string[];
    const before = await t.openRequest(ent);
    expect(await pool()).toContain(before);
    // The workers' matcher runs in its own process: its catalog may still list the institution's products.
    const workersCatalog = createCatalogSnapshot(t.platform.db, 60_000);
    await workersCatalog.listed();
    await post(admin, `/institutions/${lcrcb}/suspend`, { reason: '停业整顿' }).expect(200);

    // What was offered before is offered no more; a claim is refused, saying why.
    expect(await pool()).not.toContain(before);
    const refused = await post(officer, `/loan-requests/${before}/claim`).expect(403);
    expect(refused.body.error.details).toEqual([{ path: 'institutionId', message: '该机构已暂停服务' }]);

    const placed = await post(ent, '/loan-requests', { ...ORDINARY_NEED, purpose: '暂停期间的采购' }).expect(201);
    expect(await openInPool({ ...t.platform, catalog: workersCatalog }, placed.body.id)).toBe(true);
    const candidates = await t.platform.db
      .select({ institutionId: requestCandidates.institutionId })
      .from(requestCandidates)
      .where(eq(requestCandidates.requestId, placed.body.id));
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.map((c) => c.institutionId)).not.toContain(lcrcb);
    expect(await pool()).toEqual([]);

    await post(admin, `/institutions/${lcrcb}/reinstate`).expect(200);
    expect(await pool()).toContain(before);
  });
});
