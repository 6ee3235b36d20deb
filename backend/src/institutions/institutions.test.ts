import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, send, type SignedIn, type TestPlatform } from '../testing/platform';
import { institutions } from './schema';

const ALL_COUNTIES = ['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'];
const DONGE = '371524';

let t: TestPlatform;
let admin: SignedIn;
let bankAdmin: SignedIn;
let bankId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  admin = await t.signIn('admin');
  // A bank serving 东阿县 alone, with its own institution admin.
  const bank = await send(admin, 'post', '/institutions', {
    name: '东阿测试村镇银行',
    type: 'village_bank',
    regionCode: DONGE,
    countiesServed: [DONGE],
  }).expect(201);
  bankId = bank.body.id;
  await send(admin, 'post', '/accounts', {
    username: 'inst.donge',
    password: 'Donge2026ok',
    role: 'institution_admin',
    displayName: '东阿测试村镇银行管理员',
    institutionId: bankId,
  }).expect(201);
  bankAdmin = await t.signIn('inst.donge', 'Donge2026ok');
});
afterAll(async () => {
  await t?.close();
});

async function countiesServed(): Promise<string[]> {
  const [row] = await t.platform.db.select().from(institutions).where(eq(institutions.id, bankId));
  return row!.countiesServed;
}

describe('the counties an institution serves', () => {
  it('are not widened by the institution’s own admin, so it cannot place officers elsewhere', async () => {
    const widened = await send(bankAdmin, 'patch', `/institutions/${bankId}`, {
      contactName: '信贷部',
      countiesServed: ALL_COUNTIES,
    });
    expect(widened.status).toBe(403);
    expect(widened.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: [{ path: 'countiesServed', message: '服务区县由平台管理员调整' }],
    });
    expect(await countiesServed()).toEqual([DONGE]);
    const [row] = await t.platform.db.select().from(institutions).where(eq(institutions.id, bankId));
    expect(row!.contactName).toBeNull();

    const officer = await send(bankAdmin, 'post', `/institutions/${bankId}/officers`, {
      username: 'officer.donge.gx',
      password: 'Officer2026',
      displayName: '冠县 赵经理',
      countiesServed: ['371525'],
    });
    expect(officer.status).toBe(400);
    expect(officer.body.error.details[0]).toMatchObject({ path: 'countiesServed.0' });
  });

  it('leave the institution’s admin its contact details, and the counties as they are', async () => {
    const res = await send(bankAdmin, 'patch', `/institutions/${bankId}`, {
      contactName: '信贷部',
      countiesServed: [DONGE],
    }).expect(200);
    expect(res.body).toMatchObject({ contactName: '信贷部', countiesServed: [DONGE] });
  });

  it('are changed by the platform admin, with an audit entry saying what they were', async () => {
    const res = await send(admin, 'patch', `/institutions/${bankId}`, { countiesServed: [DONGE, '371525'] });
    expect(res.status).toBe(200);
    expect(await countiesServed()).toEqual([DONGE, '371525']);
    const audit = await admin.agent.get(`${API}/audit?action=institution.update&actor=admin`).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      subjectId: bankId,
      details: { changes: { countiesServed: [DONGE, '371525'] }, previousCountiesServed: [DONGE] },
    });
    // Now the bank serves 冠县, its admin may place an officer there.
    await send(bankAdmin, 'post', `/institutions/${bankId}/officers`, {
      username: 'officer.donge.gx',
      password: 'Officer2026',
      displayName: '冠县 赵经理',
      countiesServed: ['371525'],
    }).expect(201);
  });
});

describe("an officer's work phone", () => {
  const WORK_PHONE_MESSAGE = '请输入 11 位手机号码或带区号的固定电话（如 0635-8213601）';

  it('is set by the institution’s admin, a mobile or a landline, and refused naming the field otherwise', async () => {
    const created = await send(bankAdmin, 'post', `/institutions/${bankId}/officers`, {
      username: 'officer.donge.phone',
      password: 'Officer2026',
      displayName: '东阿 钱经理',
      countiesServed: [DONGE],
      workPhone: '13905351234',
    }).expect(201);
    expect(created.body.workPhone).toBe('13905351234');
    const path = `/institutions/${bankId}/officers/${created.body.id}`;

    for (const workPhone of ['12345', '0635-12', '23905351234', '电话']) {
      const bad = await send(bankAdmin, 'patch', path, { workPhone }).expect(400);
      expect(bad.body.error.details, workPhone).toEqual([{ path: 'workPhone', message: WORK_PHONE_MESSAGE }]);
    }
    const landline = await send(bankAdmin, 'patch', path, { workPhone: ' 0635-3281234 ' }).expect(200);
    expect(landline.body.workPhone).toBe('0635-3281234');
    const listed = await bankAdmin.agent.get(`${API}/institutions/${bankId}/officers`).expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: created.body.id, workPhone: '0635-3281234' }),
    );
    expect((await send(bankAdmin, 'patch', path, { workPhone: null }).expect(200)).body.workPhone).toBeNull();
  });

  it('is set by the platform admin on any account, and shown to the applicant once that officer claims', async () => {
    const officer = await t.signIn('officer.lcrcb');
    await send(bankAdmin, 'patch', `/accounts/${officer.user.id}`, { workPhone: '0635-8219999' }).expect(403);
    const bad = await send(admin, 'patch', `/accounts/${officer.user.id}`, { workPhone: '8219999' }).expect(400);
    expect(bad.body.error.details).toEqual([{ path: 'workPhone', message: WORK_PHONE_MESSAGE }]);
    const set = await send(admin, 'patch', `/accounts/${officer.user.id}`, { workPhone: '0635 8219999' }).expect(400);
    expect(set.body.error.details[0]).toMatchObject({ path: 'workPhone' });
    const account = await send(admin, 'patch', `/accounts/${officer.user.id}`, { workPhone: '06358219999' }).expect(
      200,
    );
    expect(account.body).toMatchObject({ username: 'officer.lcrcb', workPhone: '06358219999' });
    const audit = await admin.agent.get(`${API}/audit?action=account.update&actor=admin`).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      subjectId: officer.user.id,
      details: { username: 'officer.lcrcb', changes: { workPhone: '06358219999' } },
    });

    const ent = await t.signIn('ent.demo');
    const requestId = await t.openRequest(ent);
    await send(officer, 'post', `/loan-requests/${requestId}/claim`).expect(200);
    const seen = await ent.agent.get(`${API}/loan-requests/${requestId}`).expect(200);
    expect(seen.body.claimedBy.officer).toMatchObject({ id: officer.user.id, workPhone: '06358219999' });
  });
});
