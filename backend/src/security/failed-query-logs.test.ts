import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_VERSION } from '../auth/agreements';
import { idNumberCheckCharacter } from '../auth/identifiers';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { reconcileDue } from '../sla/breaches';
import { DEFAULT_POLICY } from '../sla-policy/policy';
import {
  API,
  createTestPlatform,
  send,
  TEST_EPOCH,
  type Method,
  type SignedIn,
  type TestPlatform,
} from '../testing/platform';
import { activeProgram, bureauAccount, draftProgram } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';
import { enterpriseProfiles } from '../auth/schema';

/**
 * Every write route meets a database that refuses its write (a trigger on every table), with
 * distinctive values in its body; the failed query's error is logged, and no value of it may be:
 * no password hash, phone, name or note, and no drizzle `params:` line left unredacted.
 */
const logLines: string[] = [];

let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let lcrcbAdmin: SignedIn;
let city: SignedIn;
let admin: SignedIn;
let checker: SignedIn;
const ids: Record<string, string> = {};

const at = (local: string) => new Date(`${local}+08:00`);
const NEED = {
  amount: 300_000,
  termMonths: 12,
  purpose: '采购原材料',
  collateral: 'credit',
  county: '371525',
  industry: 'C',
};

type Caller = Pick<SignedIn, 'agent' | 'csrf'>;

/** The breached contact stage of a request the demo bank claimed and never contacted. */
async function breachOf(requestId: string): Promise<string> {
  const list = await city.agent.get(`${API}/supervision/breaches?status=open&stage=contact&pageSize=100`).expect(200);
  return list.body.items.find((b: { request: { id: string } }) => b.request.id === requestId).id;
}

/** Someone not signed in, with the CSRF token of their anonymous session. */
async function visitor(): Promise<Caller> {
  const agent = supertest.agent(t.platform.app);
  const { body } = await agent.get(`${API}/auth/csrf`).expect(200);
  return { agent, csrf: body.csrfToken };
}

beforeAll(async () => {
  t = await createTestPlatform({ LOG_LEVEL: 'debug' }, { write: (line: string) => void logLines.push(line) });
  [ent, lcrcb, lcrcbAdmin, city, admin] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('inst.lcrcb'),
    t.signIn('bureau.city'),
    t.signIn('admin'),
  ]);
  const db = t.platform.db;

  // Wednesday 10:00: one request nobody claims, two claimed and never contacted.
  t.setNow(TEST_EPOCH);
  ids.unanswered = await t.openRequest(ent, NEED);
  ids.uncontacted = await t.openRequest(ent, NEED);
  ids.urged = await t.openRequest(ent, NEED);
  for (const id of [ids.uncontacted, ids.urged]) await send(lcrcb, 'post', `/loan-requests/${id}/claim`).expect(200);
  // Both respond windows of the first run out (county, then city-wide); the contact stages breach on Friday.
  t.setNow(at('2025-03-12T13:05'));
  await reconcileDue(db, t.platform.sla);
  t.setNow(at('2025-03-14T10:30'));
  await reconcileDue(db, t.platform.sla);
  ids.breach = await breachOf(ids.uncontacted);
  const urged = await breachOf(ids.urged);
  ids.urge = (await send(city, 'post', `/supervision/breaches/${urged}/urge`, { note: '请联系' }).expect(201)).body.id;

  ids.open = await t.openRequest(ent, NEED);
  ids.claimed = await t.openRequest(ent, NEED);
  await send(lcrcb, 'post', `/loan-requests/${ids.claimed}/claim`).expect(200);
  ids.rejected = await t.openRequest(ent, NEED);
  await send(lcrcb, 'post', `/loan-requests/${ids.rejected}/claim`).expect(200);
  await send(lcrcb, 'post', `/loan-requests/${ids.rejected}/transition`, {
    to: 'rejected',
    reasonCode: 'collateral',
    reason: '抵押物不足',
  }).expect(200);

  const [qilu] = await db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
  ids.qilu = qilu!.id;
  ids.lcrcb = lcrcbAdmin.user.institutionId!;
  const [listed] = await db.select().from(products).where(eq(products.name, '水城快贷'));
  ids.listed = listed!.id;
  const draft = await send(lcrcbAdmin, 'post', '/products', {
    name: '草稿产品',
    kind: 'credit',
    minAmount: 100_000,
    maxAmount: 500_000,
    minTermMonths: 6,
    maxTermMonths: 12,
    minRate: 4,
    maxRate: 6,
    customerTypes: ['enterprise'],
    allCounties: true,
    allIndustries: true,
  }).expect(201);
  ids.draft = draft.body.id;
  const officer = await send(lcrcbAdmin, 'post', `/institutions/${ids.lcrcb}/officers`, {
    username: 'officer.fixture',
    password: 'Fixture2025',
    displayName: '夹具经理',
    countiesServed: ['371502'],
  }).expect(201);
  ids.officer = officer.body.id;
  const [notification] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(users.username, 'inst.lcrcb'));
  ids.notification = notification!.id;
  await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'demo1234' }).expect(201);
  ids.token = (await ent.agent.get(`${API}/auth/tokens`).expect(200)).body.items[0].id;
  const handedOver = await t.openRequest(ent);
  await send(lcrcb, 'post', `/loan-requests/${handedOver}/claim`).expect(200);
  ids.handedOver = handedOver;
  const [profile] = await db
    .select({ uscc: enterpriseProfiles.uscc })
    .from(enterpriseProfiles)
    .where(eq(enterpriseProfiles.userId, ent.user.id));
  ids.uscc = profile!.uscc;

  // 财金协同: programs drafted and running, two loans (one in default) reported, claims at every step.
  checker = await bureauAccount(t, admin, { username: 'bureau.leakcheck', displayName: '复核经办人' });
  ids.draftProgram = await draftProgram(city);
  const [submitted, reviewed, approved, toClaim] = [
    await activeProgram(city),
    await activeProgram(city),
    await activeProgram(city),
    await activeProgram(city),
  ];
  ids.toClaim = toClaim;
  const pool = await activeProgram(city, { kind: 'risk_compensation', params: { lossSharePct: 40 } });
  const loan = await disbursedLoan(t, ent, lcrcb);
  ids.loan = loan;
  const defaulted = await disbursedLoan(t, ent, lcrcb);
  t.setNow(at('2025-04-10T10:00'));
  const quarter = { periodStart: '2025-03-14', periodEnd: '2025-04-01' };
  const report = { ...quarter, outstandingPrincipal: 300_000, interestPaidFen: 300_000, status: 'normal' };
  await send(lcrcb, 'post', `/loan-requests/${loan}/servicing`, report).expect(201);
  await send(lcrcb, 'post', `/loan-requests/${defaulted}/servicing`, {
    ...report,
    status: 'default',
    lossFen: 10_000_000,
  }).expect(201);
  const claim = async (programId: string, loanRequestId: string, period: object = quarter) =>
    (await send(ent, 'post', '/program-claims', { programId, loanRequestId, ...period }).expect(201)).body.id as string;
  const step = (who: Caller, id: string, action: string, body: object = { decision: 'approve' }) =>
    send(who, 'post', `/program-claims/${id}/${action}`, body).expect(200);
  ids.submittedClaim = await claim(submitted, loan);
  const reviewedClaim = await claim(reviewed, loan);
  await step(city, reviewedClaim, 'review');
  const approvedClaim = await claim(approved, loan);
  await step(city, approvedClaim, 'review');
  await step(checker, approvedClaim, 'check');
  const compensation = (
    await send(lcrcb, 'post', '/program-claims', { programId: pool, loanRequestId: defaulted }).expect(201)
  ).body.id as string;
  await step(city, compensation, 'review');
  await step(checker, compensation, 'check');
  await step(city, compensation, 'pay', { paidOn: '2025-04-10', voucherNo: 'FIXTURE-1' });
  Object.assign(ids, { reviewedClaim, approvedClaim, compensation });
  ids.activeProgram = submitted;

  // The switch: while it holds a row, every table refuses every write.
  await db.execute(sql`create table refuse_writes (since timestamptz)`);
  await db.execute(sql`create function refuse_write() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from refuse_writes) then raise exception 'writes refused by the test'; end if;
      return null;
    end $$`);
  await db.execute(sql`do $$ declare t text; begin
    for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'refuse_writes' loop
      execute format('create trigger refuse_write before insert or update or delete on %I
        for each statement execute function refuse_write()', t);
    end loop; end $$`);
});
afterAll(async () => {
  await t?.close();
});

interface Case {
  as: () => Caller | Promise<Caller>;
  path: () => string;
  body?: () => object;
  /** Values the route writes: each reaches the failing query's parameters. */
  values: string[];
  /** Routes that write only to Redis answer as usual. */
  status?: number;
  /** A route that takes a file: how to send it (instead of a JSON body). */
  upload?: (who: Caller) => Promise<{ status: number; body: unknown }>;
}

const LEAKY_PHONE = '13912345678';
const LEAKY_ID = '37150219800101123' + idNumberCheckCharacter('37150219800101123');
const CASES: Record<string, Case> = {
  'post /auth/register': {
    as: visitor,
    path: () => '/auth/register',
    body: () => ({
      role: 'individual',
      agreementVersion: AGREEMENT_VERSION,
      username: 'leak.person',
      password: 'Harvest2025x',
      name: '漏网之鱼',
      idNumber: LEAKY_ID,
      county: '371502',
      phone: LEAKY_PHONE,
    }),
    values: ['leak.person', '漏网之鱼', LEAKY_ID, LEAKY_PHONE, 'scrypt$'],
  },
  'post /auth/login': {
    as: visitor,
    path: () => '/auth/login',
    body: () => ({ username: 'ent.demo', password: 'demo1234' }),
    values: [],
    status: 200,
  },
  'post /auth/logout': { as: () => t.signIn('ind.demo'), path: () => '/auth/logout', values: [], status: 204 },
  'delete /auth/tokens/:id': { as: () => ent, path: () => `/auth/tokens/${ids.token}`, values: [] },
  'post /auth/tokens': {
    as: visitor,
    path: () => '/auth/tokens',
    body: () => ({ username: 'ent.demo', password: 'demo1234' }),
    values: [],
  },
  'post /accounts': {
    as: () => admin,
    path: () => '/accounts',
    body: () => ({
      username: 'leak.bureau',
      password: 'Leaky2025pw',
      role: 'bureau',
      displayName: '泄漏测试局',
      regionCode: '371525',
    }),
    values: ['leak.bureau', '泄漏测试局', 'scrypt$'],
  },
  'patch /accounts/:id': {
    as: () => admin,
    path: () => `/accounts/${ids.officer}`,
    body: () => ({ workPhone: '0635-8213999' }),
    values: ['0635-8213999'],
  },
  'post /accounts/:id/disable': { as: () => admin, path: () => `/accounts/${ids.officer}/disable`, values: [] },
  'post /accounts/:id/enable': { as: () => admin, path: () => `/accounts/${ids.officer}/enable`, values: [] },
  'post /accounts/:id/reset-password': {
    as: () => admin,
    path: () => `/accounts/${ids.officer}/reset-password`,
    body: () => ({ password: 'Leaky2025reset' }),
    values: ['Leaky2025reset', 'scrypt$'],
  },
  'post /auth/change-password': {
    as: () => t.signIn('ind.demo'),
    path: () => '/auth/change-password',
    body: () => ({ currentPassword: 'demo1234', newPassword: 'Leaky2025new' }),
    values: ['demo1234', 'Leaky2025new', 'scrypt$'],
  },
  'post /institutions/:id/suspend': {
    as: () => admin,
    path: () => `/institutions/${ids.qilu}/suspend`,
    body: () => ({ reason: '漏网的暂停原因' }),
    values: ['漏网的暂停原因'],
  },
  'post /institutions/:id/reinstate': {
    as: () => admin,
    path: () => `/institutions/${ids.qilu}/reinstate`,
    values: [],
  },
  'post /institutions': {
    as: () => admin,
    path: () => '/institutions',
    body: () => ({
      name: '泄漏测试银行',
      type: 'village_bank',
      regionCode: '371525',
      contactName: '泄漏联系人',
      contactPhone: '0635-7654321',
      address: '泄漏路一号',
    }),
    values: ['泄漏测试银行', '泄漏联系人', '0635-7654321', '泄漏路一号'],
  },
  'patch /institutions/:id': {
    as: () => lcrcbAdmin,
    path: () => `/institutions/${ids.lcrcb}`,
    body: () => ({ contactName: '泄漏主任', contactPhone: '0635-1239876' }),
    values: ['泄漏主任', '0635-1239876'],
  },
  'post /institutions/:id/officers': {
    as: () => lcrcbAdmin,
    path: () => `/institutions/${ids.lcrcb}/officers`,
    body: () => ({
      username: 'leak.officer',
      password: 'Officer2025x',
      displayName: '泄漏经理',
      countiesServed: ['371502'],
    }),
    values: ['leak.officer', '泄漏经理', 'scrypt$'],
  },
  'patch /institutions/:id/officers/:officerId': {
    as: () => lcrcbAdmin,
    path: () => `/institutions/${ids.lcrcb}/officers/${ids.officer}`,
    body: () => ({ displayName: '改名泄漏经理', workPhone: '0635-8217777' }),
    values: ['改名泄漏经理', '0635-8217777'],
  },
  'post /products': {
    as: () => lcrcbAdmin,
    path: () => '/products',
    body: () => ({
      name: '泄漏贷',
      kind: 'credit',
      minAmount: 100_000,
      maxAmount: 500_000,
      minTermMonths: 6,
      maxTermMonths: 12,
      customerTypes: ['enterprise'],
      allCounties: true,
      allIndustries: true,
      description: '泄漏测试产品说明',
    }),
    values: ['泄漏贷', '泄漏测试产品说明'],
  },
  'patch /products/:id': {
    as: () => lcrcbAdmin,
    path: () => `/products/${ids.listed}`,
    body: () => ({ description: '改过的泄漏说明' }),
    values: ['改过的泄漏说明'],
  },
  'post /products/:id/list': { as: () => lcrcbAdmin, path: () => `/products/${ids.draft}/list`, values: [] },
  'post /products/:id/delist': { as: () => lcrcbAdmin, path: () => `/products/${ids.listed}/delist`, values: [] },
  'post /notifications/read-all': { as: () => lcrcbAdmin, path: () => '/notifications/read-all', values: [] },
  'post /notifications/:id/read': {
    as: () => lcrcbAdmin,
    path: () => `/notifications/${ids.notification}/read`,
    values: [],
  },
  'post /loan-requests': {
    as: () => ent,
    path: () => '/loan-requests',
    body: () => ({ ...NEED, purpose: '泄漏测试用途', contactName: '泄漏联系人甲', contactPhone: '13698765432' }),
    values: ['泄漏测试用途', '泄漏联系人甲', '13698765432'],
  },
  'post /loan-requests/:id/claim': { as: () => lcrcb, path: () => `/loan-requests/${ids.open}/claim`, values: [] },
  'post /loan-requests/:id/transition': {
    as: () => lcrcb,
    path: () => `/loan-requests/${ids.claimed}/transition`,
    body: () => ({ to: 'contacted', visitDate: t.today(), note: '泄漏的联系记录' }),
    values: ['泄漏的联系记录'],
  },
  'post /loan-requests/:id/assign': {
    as: () => city,
    path: () => `/loan-requests/${ids.unanswered}/assign`,
    body: () => ({ institutionId: ids.qilu }),
    values: [],
  },
  'post /loan-requests/:id/cancel': { as: () => ent, path: () => `/loan-requests/${ids.open}/cancel`, values: [] },
  'post /loan-requests/:id/reopen': { as: () => ent, path: () => `/loan-requests/${ids.rejected}/reopen`, values: [] },
  // Reads only: it answers as usual while writes fail.
  'post /sla/preview': {
    as: () => admin,
    path: () => '/sla/preview',
    body: () => ({ policy: DEFAULT_POLICY }),
    values: [],
    status: 200,
  },
  'put /sla/policy': { as: () => admin, path: () => '/sla/policy', body: () => DEFAULT_POLICY, values: [] },
  'put /sla/calendars/:year': {
    as: () => admin,
    path: () => '/sla/calendars/2027',
    body: () => ({ holidays: ['2027-01-01'], workdays: [], source: '泄漏测试通知' }),
    values: ['泄漏测试通知'],
  },
  'post /supervision/breaches/:id/urge': {
    as: () => city,
    path: () => `/supervision/breaches/${ids.breach}/urge`,
    body: () => ({ note: '泄漏的督办意见' }),
    values: ['泄漏的督办意见'],
  },
  'post /supervision/urges/:id/acknowledge': {
    as: () => lcrcbAdmin,
    path: () => `/supervision/urges/${ids.urge}/acknowledge`,
    body: () => ({ note: '泄漏的确认说明' }),
    values: ['泄漏的确认说明'],
  },
  'post /programs': {
    as: () => city,
    path: () => '/programs',
    body: () => ({ ...CITY_INTEREST_SUBSIDY, name: '泄漏的政策项目', policyRef: '泄漏文号〔2025〕1号' }),
    values: ['泄漏的政策项目', '泄漏文号'],
  },
  'patch /programs/:id': {
    as: () => city,
    path: () => `/programs/${ids.draftProgram}`,
    body: () => ({ name: '泄漏的项目名称' }),
    values: ['泄漏的项目名称'],
  },
  'post /programs/:id/activate': { as: () => city, path: () => `/programs/${ids.draftProgram}/activate`, values: [] },
  'post /programs/:id/close': { as: () => city, path: () => `/programs/${ids.activeProgram}/close`, values: [] },
  'post /loan-requests/:id/servicing': {
    as: () => lcrcb,
    path: () => `/loan-requests/${ids.loan}/servicing`,
    body: () => ({
      periodStart: '2025-04-01',
      periodEnd: '2025-04-10',
      outstandingPrincipal: 271_828,
      interestPaidFen: 314_159,
      status: 'normal',
    }),
    values: ['271828', '314159'],
  },
  'post /program-claims': {
    as: () => ent,
    path: () => '/program-claims',
    body: () => ({
      programId: ids.toClaim,
      loanRequestId: ids.loan,
      periodStart: '2025-03-14',
      periodEnd: '2025-04-01',
      payee: { accountName: '泄漏的户名', bankName: '泄漏的开户行', accountNo: '6222029876543210123' },
    }),
    values: ['泄漏的户名', '泄漏的开户行', '6222029876543210123'],
  },
  'post /program-claims/:id/review': {
    as: () => city,
    path: () => `/program-claims/${ids.submittedClaim}/review`,
    body: () => ({ decision: 'approve', note: '泄漏的初审意见' }),
    values: ['泄漏的初审意见'],
  },
  'post /program-claims/:id/check': {
    as: () => checker,
    path: () => `/program-claims/${ids.reviewedClaim}/check`,
    body: () => ({ decision: 'approve', note: '泄漏的复核意见' }),
    values: ['泄漏的复核意见'],
  },
  'post /program-claims/:id/pay': {
    as: () => city,
    path: () => `/program-claims/${ids.approvedClaim}/pay`,
    body: () => ({ paidOn: '2025-04-10', voucherNo: 'LEAKY-VOUCHER-7' }),
    values: ['LEAKY-VOUCHER-7'],
  },
  'post /program-claims/:id/recoveries': {
    as: () => lcrcb,
    path: () => `/program-claims/${ids.compensation}/recoveries`,
    body: () => ({ recoveredFen: 161_803, recoveredOn: '2025-04-10' }),
    values: ['161803'],
  },
  'post /loan-requests/:id/handover': {
    as: () => lcrcbAdmin,
    path: () => `/loan-requests/${ids.handedOver}/handover`,
    body: () => ({ officerId: ids.officer, reason: '泄漏的转派原因' }),
    values: ['泄漏的转派原因'],
  },
  'put /me/profile': {
    as: () => ent,
    path: () => '/me/profile',
    body: () => ({ legalRepresentative: '泄漏的法定代表人', mainBusiness: '泄漏的主营业务' }),
    values: ['泄漏的法定代表人', '泄漏的主营业务'],
  },
  'post /public-data/imports': {
    as: () => city,
    path: () => '/public-data/imports',
    upload: (who) =>
      who.agent
        .post(`${API}/public-data/imports`)
        .set('x-csrf-token', who.csrf)
        .field('source', '泄漏的数据来源')
        .attach('file', Buffer.from(`uscc,asOf,taxCreditRating\n${ids.uscc},2025-03-01,A`), 'extract.csv'),
    values: ['泄漏的数据来源'],
  },
};

describe('a failed query on every write route', () => {
  it('has a case for every write route', () => {
    const writes = t.platform.routes.filter((r) => r.method !== 'get').map((r) => `${r.method} ${r.path}`);
    expect(writes.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('is logged without any value it was given', { timeout: 120_000 }, async () => {
    const db = t.platform.db;
    for (const [route, c] of Object.entries(CASES)) {
      const method = route.split(' ')[0] as Method;
      const who = await c.as();
      const before = logLines.length;
      await db.execute(sql`insert into refuse_writes values (now())`);
      const res = c.upload ? await c.upload(who) : await send(who, method, c.path(), c.body?.() ?? {});
      await db.execute(sql`delete from refuse_writes`);
      expect.soft(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(c.status ?? 500);
      const logged = logLines.slice(before).join('');
      if (!c.status) {
        // The capture is real: the failure was logged, with its query.
        expect.soft(logged, route).toContain('"msg":"request failed"');
        expect.soft(logged, route).toContain('writes refused by the test');
      }
      expect.soft(logged, route).not.toMatch(/params: (?!\[redacted\])/);
      for (const value of c.values) expect.soft(logged, `${route} logged ${value}`).not.toContain(value);
    }
  });

  it('leaves the platform working once the database takes writes again', async () => {
    await send(lcrcb, 'post', `/loan-requests/${ids.open}/claim`).expect(200);
    await send(lcrcbAdmin, 'patch', `/institutions/${ids.lcrcb}/officers/${ids.officer}`, {
      displayName: randomUUID().slice(0, 8),
    }).expect(200);
  });
});
