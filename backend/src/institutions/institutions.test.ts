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
