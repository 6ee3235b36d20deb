import { eq, sql } from 'drizzle-orm';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseProfiles, users } from '../auth/schema';
import { products } from '../catalog/schema';
import { reconcileDue } from '../sla/breaches';
import { DEFAULT_POLICY } from '../sla-policy/policy';
import { API, createTestPlatform, post, send, TEST_EPOCH, type SignedIn, type TestPlatform } from '../testing/platform';
import { activeProgram, bureauAccount, PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';
import { AUDIT_ACTIONS, auditLog } from './schema';

let t: TestPlatform;
let admin: SignedIn;
let lcrcbAdmin: SignedIn;
let lcrcb: SignedIn;
let ent: SignedIn;
let city: SignedIn;
let startedAt: string;
/** Claimed, rejected and re-opened: its transitions are the ones checked below. */
let rejected: string;

const audit = (query = '') => admin.agent.get(`${API}/audit?pageSize=100&${query}`).expect(200);

/** Every privileged action once, through the API, as the people who do them. */
beforeAll(async () => {
  t = await createTestPlatform();
  t.setNow(TEST_EPOCH);
  startedAt = new Date().toISOString();
  [admin, lcrcbAdmin, lcrcb, ent, city] = await Promise.all([
    t.signIn('admin'),
    t.signIn('inst.lcrcb'),
    t.signIn('officer.lcrcb'),
    t.signIn('ent.demo'),
    t.signIn('bureau.city'),
  ]);
  const institutionId = lcrcbAdmin.user.institutionId!;

  const onboarded = await post(admin, '/institutions', {
    name: '聊城审计村镇银行',
    type: 'village_bank',
    regionCode: '371526',
  });
  expect(onboarded.status).toBe(201);
  await send(lcrcbAdmin, 'patch', `/institutions/${institutionId}`, { contactName: '审计联系人' }).expect(200);
  const staff = { username: 'audit.bureau', password: 'Bureau2025x', role: 'bureau', displayName: '审计测试监管员' };
  const account = await post(admin, '/accounts', staff).expect(201);
  await send(admin, 'patch', `/accounts/${account.body.id}`, { workPhone: '0635-8218888' }).expect(200);
  await post(admin, `/accounts/${account.body.id}/disable`).expect(200);
  await post(admin, `/accounts/${account.body.id}/enable`).expect(200);
  await post(admin, `/accounts/${account.body.id}/reset-password`, { password: 'Reset2025pw' }).expect(200);
  const resetOne = await t.signIn('audit.bureau', 'Reset2025pw');
  await post(resetOne, '/auth/change-password', {
    currentPassword: 'Reset2025pw',
    newPassword: 'Changed2025pw',
  }).expect(200);
  await post(admin, `/institutions/${onboarded.body.id}/suspend`, { reason: '审计测试暂停' }).expect(200);
  await post(admin, `/institutions/${onboarded.body.id}/reinstate`).expect(200);
  const officer = await post(lcrcbAdmin, `/institutions/${institutionId}/officers`, {
    username: 'audit.officer',
    password: 'Officer2025',
    displayName: '审计客户经理',
    countiesServed: ['371502'],
  }).expect(201);
  await send(lcrcbAdmin, 'patch', `/institutions/${institutionId}/officers/${officer.body.id}`, {
    status: 'disabled',
  }).expect(200);

  const draft = await post(lcrcbAdmin, '/products', { name: '审计测试贷', kind: 'credit' }).expect(201);
  await send(lcrcbAdmin, 'patch', `/products/${draft.body.id}`, { description: '仅供审计测试' }).expect(200);
  const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
  await post(lcrcbAdmin, `/products/${kuaidai!.id}/delist`).expect(200);
  await post(lcrcbAdmin, `/products/${kuaidai!.id}/list`).expect(200);

  await send(admin, 'put', '/sla/policy', DEFAULT_POLICY).expect(200);
  await send(admin, 'put', '/sla/calendars/2027', { holidays: ['2027-01-01'], workdays: [] }).expect(200);

  // ent.demo declares its headcount; the city bureau imports the big-data bureau's extract for it.
  await send(ent, 'put', '/me/profile', { employees: 42 }).expect(200);
  const [entProfile] = await t.platform.db
    .select({ uscc: enterpriseProfiles.uscc })
    .from(enterpriseProfiles)
    .where(eq(enterpriseProfiles.userId, ent.user.id));
  await city.agent
    .post(`${API}/public-data/imports`)
    .set('x-csrf-token', city.csrf)
    .field('source', '聊城市大数据局')
    .attach('file', Buffer.from(`uscc,asOf,taxCreditRating\n${entProfile!.uscc},2025-03-01,A`), 'extract.csv')
    .expect(200);

  // A fiscal program drafted, changed, run and closed by the city bureau.
  const program = await post(city, '/programs', CITY_INTEREST_SUBSIDY).expect(201);
  await send(city, 'patch', `/programs/${program.body.id}`, { budget: 200_000 }).expect(200);
  await post(city, `/programs/${program.body.id}/activate`).expect(200);
  await post(city, `/programs/${program.body.id}/close`).expect(200);

  // Claimed and rejected, then re-opened; one cancelled; one left unclaimed for the bureau to assign.
  rejected = await t.openRequest(ent);
  await post(lcrcb, `/loan-requests/${rejected}/claim`).expect(200);
  for (const step of [
    { to: 'contacted', visitDate: t.today() },
    { to: 'investigated', visitDate: t.today() },
    { to: 'rejected', reasonCode: 'documents', reason: '材料不全' },
  ]) {
    await post(lcrcb, `/loan-requests/${rejected}/transition`, step).expect(200);
  }
  await post(ent, `/loan-requests/${rejected}/reopen`).expect(200);
  await post(ent, `/loan-requests/${await t.openRequest(ent)}/cancel`).expect(200);
  const unclaimed = await t.openRequest(ent);

  // Claimed on Wednesday and never contacted: the contact stage breaches on Friday; urged, acknowledged.
  const late = await t.openRequest(ent);
  await post(lcrcb, `/loan-requests/${late}/claim`).expect(200);
  t.setNow(new Date('2025-03-14T10:30:00+08:00'));
  await reconcileDue(t.platform.db, t.platform.sla);
  // The unclaimed request's city-wide window (opened by that pass) runs out as well: the bureau assigns it.
  t.setNow(new Date('2025-03-14T14:30:00+08:00'));
  await reconcileDue(t.platform.db, t.platform.sla);
  await post(city, `/loan-requests/${unclaimed}/assign`, { institutionId }).expect(200);
  const breaches = await city.agent.get(`${API}/supervision/breaches?status=open&stage=contact`).expect(200);
  const breach = breaches.body.items.find((b: { request: { id: string } }) => b.request.id === late);
  const urge = await post(city, `/supervision/breaches/${breach.id}/urge`, { note: '请尽快联系' }).expect(201);
  await post(lcrcbAdmin, `/supervision/urges/${urge.body.id}/acknowledge`, { note: '已联系' }).expect(200);
  // The late request is handed to a colleague (转派).
  const successor = await post(lcrcbAdmin, `/institutions/${institutionId}/officers`, {
    username: 'audit.successor',
    password: 'Officer2025',
    displayName: '审计接手经理',
    countiesServed: ['371502'],
  }).expect(201);
  await post(lcrcbAdmin, `/loan-requests/${late}/handover`, {
    officerId: successor.body.id,
    reason: '原客户经理休假',
  }).expect(200);

  // After disbursement (财金协同): a default reported and compensated — reviewed, checked by another
  // city bureau user, paid — then a recovery returned to the pool.
  const checker = await bureauAccount(t, admin, { username: 'bureau.fuhe', displayName: '市财政局复核员' });
  const lent = await disbursedLoan(t, ent, lcrcb);
  const pool = await activeProgram(city, { kind: 'risk_compensation', params: { lossSharePct: 40 } });
  t.setNow(new Date('2025-04-10T10:00:00+08:00'));
  await post(lcrcb, `/loan-requests/${lent}/servicing`, {
    periodStart: '2025-03-14',
    periodEnd: '2025-04-01',
    outstandingPrincipal: PRINCIPAL,
    interestPaidFen: 50_000,
    status: 'default',
    lossFen: 1_000_000,
  }).expect(201);
  const claim = await post(lcrcb, '/program-claims', { programId: pool, loanRequestId: lent }).expect(201);
  await post(city, `/program-claims/${claim.body.id}/review`, { decision: 'approve' }).expect(200);
  await post(checker, `/program-claims/${claim.body.id}/check`, { decision: 'approve' }).expect(200);
  await post(city, `/program-claims/${claim.body.id}/pay`, { paidOn: '2025-04-10', voucherNo: 'AUDIT-1' }).expect(200);
  await post(lcrcb, `/program-claims/${claim.body.id}/recoveries`, {
    recoveredFen: 100_000,
    recoveredOn: '2025-04-10',
  }).expect(201);
});
afterAll(async () => {
  await t?.close();
});

describe('the audit log', () => {
  it('records every kind of privileged action, with who did it', async () => {
    const { body } = await audit();
    const recorded = new Set(body.items.map((e: { action: string }) => e.action));
    expect([...AUDIT_ACTIONS].filter((a) => !recorded.has(a))).toEqual([]);
    const byAction = (action: string) => body.items.filter((e: { action: string }) => e.action === action);
    expect(byAction('request.claim')[0].actor).toMatchObject({ username: 'officer.lcrcb', role: 'officer' });
    expect(byAction('urge.acknowledge')[0].actor).toMatchObject({ username: 'inst.lcrcb', role: 'institution_admin' });
    expect(byAction('account.disable')[0].actor).toMatchObject({ username: 'admin' });
    const transitions = byAction('request.transition').filter((e: { subjectId: string }) => e.subjectId === rejected);
    expect(transitions.map((e: { details: { to: string } }) => e.details.to)).toEqual([
      'rejected',
      'investigated',
      'contacted',
    ]);
  });

  it('writes nothing for an action that fails', async () => {
    const count = async () => (await audit('action=request.transition')).body.total as number;
    const before = await count();
    const id = await t.openRequest(ent);
    const step = (body: object) => post(lcrcb, `/loan-requests/${id}/transition`, body);
    await step({ to: 'contacted', visitDate: t.today() }).expect(403);
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await step({ to: 'investigated', visitDate: t.today() }).expect(422);
    await step({ to: 'contacted', visitDate: t.today() }).expect(200);
    await step({ to: 'investigated', visitDate: t.today() }).expect(200);
    // Refused inside the transaction, after the request was locked and checked: nothing of it stays.
    await step({ to: 'approved' }).expect(400);
    await step({ to: 'approved', approvedAmount: 900_000, annualRate: 4.5, termMonths: 12 }).expect(400);
    expect(await count()).toBe(before + 2);
    expect((await audit('action=request.claim')).body.items[0].subjectId).toBe(id);
  });

  it('filters by actor (username or id), action and period, newest first, a page at a time', async () => {
    const byName = await audit('actor=inst.lcrcb');
    const [lcrcbAdminRow] = await t.platform.db.select().from(users).where(eq(users.username, 'inst.lcrcb'));
    const byId = await audit(`actor=${lcrcbAdminRow!.id}`);
    expect(byName.body.total).toBeGreaterThanOrEqual(8);
    expect(byId.body.items).toEqual(byName.body.items);
    expect(new Set(byName.body.items.map((e: { actor: { username: string } }) => e.actor.username))).toEqual(
      new Set(['inst.lcrcb']),
    );
    const ids = byName.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const listings = await audit('action=product.list');
    expect(listings.body.items.map((e: { actor: { username: string } }) => e.actor.username)).toEqual(['inst.lcrcb']);

    const now = new Date().toISOString();
    expect((await audit(`from=${encodeURIComponent(startedAt)}`)).body.total).toBeGreaterThan(15);
    expect((await audit(`from=${encodeURIComponent(now)}`)).body.total).toBe(0);
    expect((await audit(`to=${encodeURIComponent(startedAt)}`)).body.total).toBe(0);

    const page2 = await admin.agent.get(`${API}/audit?actor=inst.lcrcb&page=2&pageSize=3`).expect(200);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 3, total: byName.body.total });
    expect(page2.body.items).toEqual(byName.body.items.slice(3, 6));
  });

  it('refuses a bad filter with 400 naming it', async () => {
    for (const [query, field] of [
      ['action=product.burn', 'action'],
      ['from=yesterday', 'from'],
      [
        `from=${encodeURIComponent('2025-03-02T00:00:00+08:00')}&to=${encodeURIComponent('2025-03-01T00:00:00+08:00')}`,
        'from',
      ],
    ] as const) {
      const res = await admin.agent.get(`${API}/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it('has no route that writes to it', () => {
    const writes = t.platform.routes.filter((r) => r.path.startsWith('/audit') && r.method !== 'get');
    expect(writes).toEqual([]);
  });

  it.each([
    ['UPDATE', sql`update ${auditLog} set action = 'product.create'`],
    ['DELETE', sql`delete from ${auditLog}`],
    ['TRUNCATE', sql`truncate ${auditLog}`],
  ])('is refused an %s by the database itself', async (_what, statement) => {
    const before = await t.platform.db.select().from(auditLog);
    const err = await t.platform.db.execute(statement).then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(err).not.toBeNull();
    expect(err!.cause?.code).toBe('42501');
    expect(await t.platform.db.select().from(auditLog)).toEqual(before);
  });
});
