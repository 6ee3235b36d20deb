import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { and, count, eq } from 'drizzle-orm';
import readXlsxFile from 'read-excel-file/node';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { outbox } from '../outbox/schema';
import { loanRequests } from '../requests/schema';
import { reconcileDue } from '../sla/breaches';
import { AGREEMENT_VERSION } from '../auth/agreements';
import { idNumberCheckCharacter } from '../auth/identifiers';
import { API, createTestPlatform, ORDINARY_NEED, post, type SignedIn, type TestPlatform } from '../testing/platform';

/**
 * The bureau's figures on a small fixture whose every number is worked out by hand below,
 * built through the API with the SLA clock moved by the test (March 2025 has no holidays;
 * office hours 09:00–17:00).
 *
 * Week 1 (3–9 Mar), r1 in 东昌府区: submitted Mon 10:00 (500,000), claimed by 农商 10:30
 *   (respond 30 min), contacted Tue 10:00, investigated Tue 11:00 (contact 510 min),
 *   approved Wed 11:00 for 400,000 (decide 480 min), disbursed Thu 10:00 — 3 working days.
 * Week 2 (10–16 Mar):
 *   r2 东昌府区 200,000: submitted Mon 09:00, claimed by 齐鲁 11:00 (respond 120), contacted and
 *     investigated Tue 15:00 (contact 720).
 *   r3 冠县 100,000: submitted Mon 10:00, nobody claims — breach at 13:00 (180) and escalation,
 *     second breach at 16:00, assigned to 农商 by 冠县's bureau Tue 10:00 (respond attempt 2:
 *     300, breached); its contact stage is due Thu 10:00 and breaches, still open.
 *   r4 东昌府区 300,000: submitted Tue 09:00, claimed by 农商 09:30 (respond 30), cancelled 10:05.
 */
let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;
let city: SignedIn;
let guanxian: SignedIn;
let admin: SignedIn;
let instLcrcb: SignedIn;
const ids: Record<'r1' | 'r2' | 'r3' | 'r4', string> = { r1: '', r2: '', r3: '', r4: '' };
let lcrcbId: string;
let qiluId: string;

const at = (local: string) => new Date(`${local}+08:00`);
const get = (who: SignedIn, path: string) => who.agent.get(`${API}${path}`);

async function submit(when: string, county: string, amount: number): Promise<string> {
  t.setNow(at(when));
  return t.openRequest(ent, { ...ORDINARY_NEED, purpose: '购买原材料', county, amount });
}

async function step(when: string, who: SignedIn, id: string, body: object) {
  t.setNow(at(when));
  await post(who, `/loan-requests/${id}/transition`, body).expect(200);
}

async function reconcileAt(when: string) {
  t.setNow(at(when));
  await reconcileDue(t.platform.db, t.platform.sla);
}

beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb, qilu, city, guanxian, admin, instLcrcb] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('officer.qilu'),
    t.signIn('bureau.city'),
    t.signIn('bureau.guanxian'),
    t.signIn('admin'),
    t.signIn('inst.lcrcb'),
  ]);
  lcrcbId = lcrcb.user.institutionId!;
  qiluId = qilu.user.institutionId!;

  ids.r1 = await submit('2025-03-03T10:00', '371502', 500_000);
  t.setNow(at('2025-03-03T10:30'));
  await post(lcrcb, `/loan-requests/${ids.r1}/claim`).expect(200);
  await step('2025-03-04T10:00', lcrcb, ids.r1, { to: 'contacted', visitDate: '2025-03-04' });
  await step('2025-03-04T11:00', lcrcb, ids.r1, { to: 'investigated', visitDate: '2025-03-04' });
  await step('2025-03-05T11:00', lcrcb, ids.r1, {
    to: 'approved',
    approvedAmount: 400_000,
    annualRate: 4.35,
    termMonths: 12,
  });
  await step('2025-03-06T10:00', lcrcb, ids.r1, { to: 'disbursed', disbursedAmount: 400_000 });

  ids.r2 = await submit('2025-03-10T09:00', '371502', 200_000);
  ids.r3 = await submit('2025-03-10T10:00', '371525', 100_000);
  t.setNow(at('2025-03-10T11:00'));
  await post(qilu, `/loan-requests/${ids.r2}/claim`).expect(200);
  await reconcileAt('2025-03-10T13:00:20');
  await reconcileAt('2025-03-10T16:01');
  ids.r4 = await submit('2025-03-11T09:00', '371502', 300_000);
  t.setNow(at('2025-03-11T09:30'));
  await post(lcrcb, `/loan-requests/${ids.r4}/claim`).expect(200);
  t.setNow(at('2025-03-11T10:00'));
  await post(guanxian, `/loan-requests/${ids.r3}/assign`, { institutionId: lcrcbId }).expect(200);
  t.setNow(at('2025-03-11T10:05'));
  await post(ent, `/loan-requests/${ids.r4}/cancel`).expect(200);
  await step('2025-03-11T15:00', qilu, ids.r2, { to: 'contacted', visitDate: '2025-03-11' });
  await step('2025-03-11T15:00', qilu, ids.r2, { to: 'investigated', visitDate: '2025-03-11' });
  await reconcileAt('2025-03-13T10:01');
  t.setNow(at('2025-03-13T10:30'));
});
afterAll(async () => {
  await t?.close();
});

const WEEK_2 = 'from=2025-03-10&to=2025-03-16';

describe('scope (市县一体)', () => {
  it('refuses a county bureau every other county on every supervision route, and lets the city drill in', async () => {
    const reads = [
      '/supervision/overview',
      '/supervision/sla',
      '/supervision/breaches',
      '/supervision/urges',
      '/supervision/export?report=overview&format=csv',
    ];
    for (const path of reads) {
      const sep = path.includes('?') ? '&' : '?';
      const denied = await get(guanxian, `${path}${sep}region=371502`);
      expect(denied.status, path).toBe(403);
      expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'region' }] });
      await get(guanxian, `${path}${sep}region=371525`).expect(200);
      await get(city, `${path}${sep}region=371502`).expect(200);
    }
    const breaches = await get(city, '/supervision/breaches?region=371502');
    expect(breaches.body.total).toBe(0);
    // Another county's breach cannot be urged either: r3's is in 冠县, so 东昌府区's bureau tries.
    const { body } = await get(city, '/supervision/breaches?region=371525&status=open');
    await post(admin, '/accounts', {
      username: 'bureau.dongchangfu',
      password: 'bureau1234',
      role: 'bureau',
      displayName: '东昌府区地方金融管理局',
      county: '371502',
    }).expect(201);
    const dongchangfu = await t.signIn('bureau.dongchangfu', 'bureau1234');
    const urge = await post(dongchangfu, `/supervision/breaches/${body.items[0].id}/urge`, { note: '请尽快办理' });
    expect(urge.status).toBe(403);
    await get(dongchangfu, '/supervision/overview?region=371525').expect(403);
  });

  it('answers a county bureau with its own county by default, and names an unknown region', async () => {
    const { body } = await get(guanxian, '/supervision/overview').expect(200);
    expect(body).toMatchObject({ region: '371525', regionName: '冠县' });
    expect(body.byCounty.map((c: { county: string }) => c.county)).toEqual(['371525']);
    const unknown = await get(city, '/supervision/overview?region=999999');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'region', message: '未知的地区代码' }]);
    const backwards = await get(city, '/supervision/overview?from=2025-03-10&to=2025-03-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('from');
  });

  it('names a day outside 2000–2099 on every period route, and reads the widest period there is', async () => {
    const routes = ['overview', 'sla', 'breaches', 'export?report=overview&format=csv'];
    for (const route of routes) {
      const path = `/supervision/${route}${route.includes('?') ? '&' : '?'}`;
      for (const [query, field] of [
        ['from=0001-01-01', 'from'],
        ['from=1999-12-31&to=2025-03-01', 'from'],
        ['to=9999-12-31', 'to'],
        ['from=2025-03-01&to=2100-01-01', 'to'],
      ] as const) {
        const res = await get(city, path + query);
        expect(res.status, route + query).toBe(400);
        expect(res.body.error.details, route + query).toEqual([
          { path: field, message: '日期须在 2000-01-01 至 2099-12-31 之间' },
        ]);
      }
      await get(city, `${path}from=2000-01-01&to=2099-12-31`).expect(200);
    }
    const { body } = await get(city, '/supervision/overview?from=2000-01-01&to=2099-12-31');
    expect(body.previous).toMatchObject({ from: '1899-12-31', to: '1999-12-31' });
    expect(body.requests).toBe(4);
  });

  it('limits assignment (派单) to the bureau’s county: another county’s request does not exist for it', async () => {
    // r3 in 冠县 was assigned by 冠县's bureau (the fixture); r2 in 东昌府区 is out of its reach.
    const res = await post(guanxian, `/loan-requests/${ids.r2}/assign`, { institutionId: lcrcbId });
    expect(res.status).toBe(404);
    const [r2] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, ids.r2));
    expect(r2).toMatchObject({ status: 'investigated', claimedInstitutionId: qiluId });
    const [r3] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, ids.r3));
    expect(r3).toMatchObject({ claimedInstitutionId: lcrcbId });
  });
});

describe('overview', () => {
  it('gives week 2 against week 1 as worked out by hand', async () => {
    const { body } = await get(city, `/supervision/overview?${WEEK_2}`).expect(200);
    expect(body).toMatchObject({
      region: '371500',
      from: '2025-03-10',
      to: '2025-03-16',
      requests: 3,
      requestedAmount: 600_000,
      claimed: 3,
      claimedWithinWindow: 2,
      assigned: 1,
      approved: 0,
      cancelled: 1,
      escalated: 1,
      reopened: 0,
      disbursed: 0,
      disbursedAmount: 0,
      borrowers: 0,
      rates: {
        claimRate: 1,
        claimedWithinWindowRate: 0.6667,
        obtainedRate: 0,
        averageWorkingDaysToDisburse: null,
        averageDisbursedPerBorrower: null,
      },
      previous: {
        from: '2025-03-03',
        to: '2025-03-09',
        requests: 1,
        requestedAmount: 500_000,
        claimed: 1,
        claimedWithinWindow: 1,
        approved: 1,
        approvedAmount: 400_000,
        disbursed: 1,
        disbursedAmount: 400_000,
        borrowers: 1,
        rates: {
          claimRate: 1,
          claimedWithinWindowRate: 1,
          obtainedRate: 1,
          averageWorkingDaysToDisburse: 3,
          averageDisbursedPerBorrower: 400_000,
        },
      },
      change: {
        requests: 2,
        claimed: 2,
        approved: -1,
        disbursedAmount: -400_000,
        rates: { claimRate: 0, claimedWithinWindowRate: -0.3333, obtainedRate: -1, averageWorkingDaysToDisburse: null },
      },
    });
    const county = (code: string) => body.byCounty.find((c: { county: string }) => c.county === code);
    expect(body.byCounty).toHaveLength(8);
    expect(county('371502')).toMatchObject({ name: '东昌府区', requests: 2, claimed: 2, cancelled: 1, escalated: 0 });
    expect(county('371525')).toMatchObject({ name: '冠县', requests: 1, claimed: 1, assigned: 1, escalated: 1 });
    expect(county('371521')).toMatchObject({ requests: 0, claimed: 0 });
  });

  it('counts institutions, products and applicants as they stood at the end of the period', async () => {
    // Reference data and the demo accounts were loaded today, long after March 2025.
    const march = await get(city, `/supervision/overview?${WEEK_2}`).expect(200);
    expect(march.body).toMatchObject({ institutions: 0, listedProducts: 0, individuals: 0, enterprises: 0 });

    const idBody = '37152519850612003';
    const visitor = supertest.agent(t.platform.app);
    const { body: csrf } = await visitor.get(`${API}/auth/csrf`).expect(200);
    await visitor
      .post(`${API}/auth/register`)
      .set('x-csrf-token', csrf.csrfToken)
      .send({
        role: 'individual',
        agreementVersion: AGREEMENT_VERSION,
        username: 'ind.guanxian2',
        password: 'secret123',
        name: '李四',
        idNumber: idBody + idNumberCheckCharacter(idBody),
        county: '371525',
        phone: '13900000001',
      })
      .expect(201);
    const life = await get(city, '/supervision/overview').expect(200);
    const [institutionCount] = await t.platform.db.select({ n: count() }).from(institutions);
    const [listedCount] = await t.platform.db
      .select({ n: count() })
      .from(products)
      .where(eq(products.status, 'listed'));
    expect(life.body).toMatchObject({
      from: null,
      to: null,
      previous: null,
      change: null,
      institutions: institutionCount!.n,
      listedProducts: listedCount!.n,
      individuals: 2,
      enterprises: 1,
      requests: 4,
      disbursedAmount: 400_000,
    });
    const guanxianLife = await get(guanxian, '/supervision/overview').expect(200);
    expect(guanxianLife.body).toMatchObject({ individuals: 2, enterprises: 0, requests: 1, claimed: 1 });
  });

  it('gives weekly volumes as a trend', async () => {
    const { body } = await get(city, '/supervision/overview?from=2025-03-03&to=2025-03-16&interval=week').expect(200);
    expect(body.trend).toEqual([
      {
        start: '2025-03-03',
        requests: 1,
        claimed: 1,
        approved: 1,
        approvedAmount: 400_000,
        disbursed: 1,
        disbursedAmount: 400_000,
      },
      {
        start: '2025-03-10',
        requests: 3,
        claimed: 3,
        approved: 0,
        approvedAmount: 0,
        disbursed: 0,
        disbursedAmount: 0,
      },
    ]);
  });
});

describe('321 compliance', () => {
  it('gives each stage’s on-time rate, median and p90 working minutes and breaches, by county, ranked', async () => {
    const { body } = await get(city, `/supervision/sla?${WEEK_2}&interval=week`).expect(200);
    expect(body.stages).toEqual({
      respond: {
        completed: 4,
        onTime: 2,
        onTimeRate: 0.5,
        medianWorkingMinutes: 150,
        p90WorkingMinutes: 264,
        breaches: 2,
      },
      contact: {
        completed: 1,
        onTime: 1,
        onTimeRate: 1,
        medianWorkingMinutes: 720,
        p90WorkingMinutes: 720,
        breaches: 1,
      },
      decide: {
        completed: 0,
        onTime: 0,
        onTimeRate: null,
        medianWorkingMinutes: null,
        p90WorkingMinutes: null,
        breaches: 0,
      },
    });
    expect(body.groups).toHaveLength(8);
    const group = (key: string) => body.groups.find((g: { key: string }) => g.key === key);
    expect(group('371502')).toMatchObject({ name: '东昌府区', completed: 3, onTime: 3, onTimeRate: 1, breaches: 0 });
    expect(group('371502').stages.respond).toMatchObject({ medianWorkingMinutes: 75, p90WorkingMinutes: 111 });
    expect(group('371525')).toMatchObject({ completed: 2, onTime: 0, onTimeRate: 0, breaches: 3 });
    // Two counties active: one is best, the other needs improvement — never both at once.
    expect(body.rankings.best.map((g: { key: string }) => g.key)).toEqual(['371502']);
    expect(body.rankings.worst.map((g: { key: string }) => g.key)).toEqual(['371525']);
    expect(body.interval).toBe('week');
    expect(body.trend.map((b: { start: string }) => b.start)).toEqual(['2025-03-10']);
    expect(body.trend[0].stages.respond.completed).toBe(4);
  });

  it('ranks institutions on the stages they own, the respond stage credited to the claimant, with a monthly trend', async () => {
    const { body } = await get(city, '/supervision/sla?groupBy=institution&interval=month').expect(200);
    const lcrcbGroup = body.groups.find((g: { key: string }) => g.key === lcrcbId);
    // 农商: respond r1 (30, on time), r4 (30, on time) and r3's city-wide attempt it was assigned after
    // it ran out (300, breached); r3's county attempt nobody claimed stays the pool's.
    expect(lcrcbGroup).toMatchObject({ name: '聊城农商银行', completed: 5, onTime: 4, onTimeRate: 0.8, breaches: 2 });
    expect(lcrcbGroup.stages.respond).toMatchObject({
      completed: 3,
      onTime: 2,
      medianWorkingMinutes: 30,
      p90WorkingMinutes: 246,
      breaches: 1,
    });
    expect(lcrcbGroup.stages.contact).toMatchObject({ completed: 1, medianWorkingMinutes: 510, breaches: 1 });
    expect(lcrcbGroup.stages.decide).toMatchObject({ completed: 1, medianWorkingMinutes: 480 });
    const qiluGroup = body.groups.find((g: { key: string }) => g.key === qiluId);
    expect(qiluGroup).toMatchObject({ completed: 2, onTime: 2, breaches: 0 });
    expect(qiluGroup.stages.respond).toMatchObject({ completed: 1, onTime: 1, medianWorkingMinutes: 120 });
    // In total the respond stage still counts all four attempts that ended, the pool's one too.
    expect(body.stages.respond).toMatchObject({ completed: 5, onTime: 3, breaches: 2 });
    expect(body.rankings.best.map((g: { key: string }) => g.key)).toEqual([qiluId]);
    expect(body.rankings.worst.map((g: { key: string }) => g.key)).toEqual([lcrcbId]);
    expect(body.trend.map((b: { start: string }) => b.start)).toEqual(['2025-03-01']);
    const withoutTrend = await get(city, '/supervision/sla?groupBy=institution').expect(200);
    expect(withoutTrend.body.trend).toBeUndefined();
  });
});

describe('breaches and urges (督办)', () => {
  it('lists open and closed breaches with request, institution and actions', async () => {
    const all = await get(guanxian, '/supervision/breaches').expect(200);
    expect(all.body.total).toBe(3);
    const open = await get(guanxian, '/supervision/breaches?status=open').expect(200);
    expect(open.body.items).toHaveLength(1);
    expect(open.body.items[0]).toMatchObject({
      stage: 'contact',
      status: 'open',
      dueAt: '2025-03-13T10:00:00+08:00',
      provisional: false,
      request: { id: ids.r3, county: '371525', countyName: '冠县', amount: 100_000, status: 'claimed' },
      institution: { id: lcrcbId, name: '聊城农商银行' },
      urge: null,
      actions: { urge: true, assign: false },
    });
    const closed = await get(guanxian, '/supervision/breaches?status=closed&stage=respond').expect(200);
    // r3's county attempt ran out unclaimed and went city-wide: not 办结, and nobody's; the city-wide
    // attempt ended when it was assigned to 农商, which holds the request now.
    expect(closed.body.items).toMatchObject([
      {
        stage: 'respond',
        attempt: 2,
        status: 'closed',
        ending: 'claimed',
        institution: { id: lcrcbId, name: '聊城农商银行' },
        request: { claimedBy: { id: lcrcbId, name: '聊城农商银行' } },
      },
      {
        stage: 'respond',
        attempt: 1,
        status: 'closed',
        ending: 'escalated',
        institution: null,
        request: { status: 'claimed', claimedBy: { id: lcrcbId, name: '聊城农商银行' } },
      },
    ]);
    expect(open.body.items[0].ending).toBe('open');
    const byInstitution = await get(city, `/supervision/breaches?institutionId=${qiluId}`).expect(200);
    expect(byInstitution.body.total).toBe(0);
    // The admin reads, but takes no action.
    const adminView = await get(admin, '/supervision/breaches?status=open').expect(200);
    expect(adminView.body.items[0].actions).toEqual({ urge: false, assign: false });
  });

  it('urges the institution, which acknowledges; the urge resolves when the stage completes', async () => {
    const { body: list } = await get(guanxian, '/supervision/breaches?status=open').expect(200);
    const breachId = list.items[0].id;
    const closedId = (await get(guanxian, '/supervision/breaches?status=closed')).body.items[0].id;
    expect((await post(guanxian, `/supervision/breaches/${closedId}/urge`, { note: '请说明' })).status).toBe(422);
    const empty = await post(guanxian, `/supervision/breaches/${breachId}/urge`, { note: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('note');

    t.setNow(at('2025-03-13T10:30'));
    const urged = await post(guanxian, `/supervision/breaches/${breachId}/urge`, { note: '请于今日内联系客户' });
    expect(urged.status).toBe(201);
    expect(urged.body).toMatchObject({
      breachId,
      stage: 'contact',
      state: 'open',
      institution: { id: lcrcbId },
      urgedBy: { displayName: '冠县地方金融管理局' },
      acknowledgedAt: null,
    });
    expect(urged.body.urgedAt).toMatch(/^2025-03-13T10:30:\d\d\+08:00$/);
    const again = await post(guanxian, `/supervision/breaches/${breachId}/urge`, { note: '再次督办' });
    expect(again.status).toBe(409);

    // The institution admin and, the request being assigned with no officer yet, its officers hear of it.
    for (const username of ['inst.lcrcb', 'officer.lcrcb']) {
      const [user] = await t.platform.db.select().from(users).where(eq(users.username, username));
      const notes = await t.platform.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, user!.id), eq(notifications.kind, 'supervision.urge')));
      expect(notes, username).toHaveLength(1);
      expect(notes[0]!.body).toContain('请于今日内联系客户');
    }
    const events = await t.platform.db.select().from(outbox).where(eq(outbox.eventType, 'supervision.urge'));
    expect(events.at(-1)!.payload).toMatchObject({ urgeId: urged.body.id, state: 'open' });
    const listed = await get(guanxian, '/supervision/breaches?status=open').expect(200);
    expect(listed.body.items[0]).toMatchObject({
      urge: { id: urged.body.id, state: 'open' },
      actions: { urge: false },
    });

    const mine = await get(instLcrcb, '/supervision/urges?state=open').expect(200);
    expect(mine.body.items.map((u: { id: string }) => u.id)).toEqual([urged.body.id]);
    expect((await get(qilu, '/supervision/urges')).body.total).toBe(0);
    expect((await get(qilu, `/supervision/urges?institutionId=${lcrcbId}`)).status).toBe(403);
    expect((await post(qilu, `/supervision/urges/${urged.body.id}/acknowledge`)).status).toBe(403);

    t.setNow(at('2025-03-13T10:45'));
    const acknowledged = await post(instLcrcb, `/supervision/urges/${urged.body.id}/acknowledge`, {
      note: '已安排客户经理今日上门',
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ state: 'acknowledged', acknowledgementNote: '已安排客户经理今日上门' });
    expect(acknowledged.body.acknowledgedAt).toMatch(/^2025-03-13T10:45:\d\d\+08:00$/);
    expect((await post(instLcrcb, `/supervision/urges/${urged.body.id}/acknowledge`)).status).toBe(422);
    const [bureau] = await t.platform.db.select().from(users).where(eq(users.username, 'bureau.guanxian'));
    const told = await t.platform.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, bureau!.id), eq(notifications.kind, 'supervision.urge_acknowledged')));
    expect(told).toHaveLength(1);

    await step('2025-03-13T11:00', lcrcb, ids.r3, { to: 'contacted', visitDate: '2025-03-13' });
    await step('2025-03-13T11:30', lcrcb, ids.r3, { to: 'investigated', visitDate: '2025-03-13' });
    const resolved = await get(guanxian, '/supervision/urges?state=resolved').expect(200);
    expect(resolved.body.items).toHaveLength(1);
    expect(resolved.body.items[0].id).toBe(urged.body.id);
    expect(resolved.body.items[0].resolvedAt).toMatch(/^2025-03-13T11:30:\d\d\+08:00$/);
    expect((await get(guanxian, '/supervision/breaches?status=open')).body.total).toBe(0);
  });
});

describe('reports', () => {
  /** A file as its bytes, whatever its type. */
  const download = (path: string) =>
    get(city, `/supervision/export?${path}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
  const csvRows = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').slice(1));
  /** Columns a text needs: CJK characters take two. */
  const textColumns = (text: string) => [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  /**
   * What read-excel-file does not tell: each column's width and each cell's number format, read
   * from the sheet and its styles as any spreadsheet reads them.
   */
  const xlsxLook = (bytes: Buffer) => {
    const files = unzipSync(new Uint8Array(bytes));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(files['xl/styles.xml']!);
    const formats = new Map(
      [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const xfs = [...styles.matchAll(/<xf\b([^>]*)>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1]!)?.[1]);
    return {
      widths: [...sheet.matchAll(/<col min="\d+" max="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1])),
      format: (ref: string) => {
        const style = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheet)?.[1];
        const id = style === undefined ? undefined : xfs[Number(style)];
        return id === undefined ? undefined : formats.get(id);
      },
    };
  };

  it('exports the overview as CSV (UTF-8 with BOM) and XLSX holding the API’s numbers', async () => {
    const { body: api } = await get(city, `/supervision/overview?${WEEK_2}`).expect(200);
    const csv = await download(`report=overview&format=csv&${WEEK_2}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('supervision-overview-city-2025-03-10_2025-03-16.csv');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes);
    expect(rows[0]!.slice(0, 4)).toEqual(['指标', '本期', '上期', '变化']);
    // Rows by their figure's name: no internal keys in the file.
    const byName = new Map(rows.slice(1).map((r) => [r[0]!, r]));
    expect(byName.get('提交需求')!.slice(0, 4)).toEqual([
      '提交需求',
      String(api.requests),
      String(api.previous.requests),
      String(api.change.requests),
    ]);
    expect(Number(byName.get('撮合放款金额（元）')![2])).toBe(api.previous.disbursedAmount);
    // Rates as percentages (Excel reads "25.0%" as 0.25); a rate's change in points, signed.
    expect(api.rates.claimedWithinWindowRate).toBe(0.6667);
    expect(byName.get('时限内接单率')![1]).toBe('66.7%');
    expect(byName.get('接单率')!.slice(1, 4)).toEqual([
      `${(api.rates.claimRate * 100).toFixed(1)}%`,
      `${(api.previous.rates.claimRate * 100).toFixed(1)}%`,
      `${api.change.rates.claimRate > 0 ? '+' : ''}${(api.change.rates.claimRate * 100).toFixed(1)}%`,
    ]);
    const dongchangfu = rows[0]!.indexOf('东昌府区');
    expect(Number(byName.get('提交需求')![dongchangfu])).toBe(
      api.byCounty.find((c: { county: string }) => c.county === '371502').requests,
    );
    expect(rows.flat().some((cell) => /^rates\.|^[a-z]+[A-Z]/.test(cell))).toBe(false);

    const xlsx = await download(`report=overview&format=xlsx&${WEEK_2}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const bytesXlsx = xlsx.body as Buffer;
    const [sheet] = await readXlsxFile(bytesXlsx);
    const sheetByName = new Map(sheet!.data.slice(1).map((r) => [String(r[0]), r]));
    expect(sheetByName.get('提交需求')!.slice(1, 4)).toEqual([
      api.requests,
      api.previous.requests,
      api.change.requests,
    ]);
    expect(sheetByName.get('审批金额（元）')![2]).toBe(api.previous.approvedAmount);
    expect(sheetByName.get('接单率')![1]).toBe(api.rates.claimRate);
    // The rate's cell is a number shown as a percentage, the amount's with thousands separators.
    const look = xlsxLook(bytesXlsx);
    const rowOf = (name: string) => sheet!.data.findIndex((r) => r[0] === name) + 1;
    expect(look.format(`B${rowOf('接单率')}`)).toBe('0.0%');
    expect(look.format(`D${rowOf('接单率')}`)).toBe('+0.0%;-0.0%;0.0%');
    expect(look.format(`B${rowOf('审批金额（元）')}`)).toBe('#,##0');
    expect(look.widths[0]).toBeGreaterThanOrEqual(textColumns('平均放款用时（工作日）'));
  });

  it('exports 321 compliance and the breach list with the same numbers', async () => {
    const { body: sla } = await get(city, `/supervision/sla?${WEEK_2}`).expect(200);
    const slaBytes = (await download(`report=sla&format=xlsx&${WEEK_2}`)).body as Buffer;
    const [sheet] = await readXlsxFile(slaBytes);
    expect(sheet!.data[0]![0]).toBe('名称');
    const totalRespond = sheet!.data.find((r) => r[0] === '合计' && r[1] === '响应');
    expect(xlsxLook(slaBytes).format(`E${sheet!.data.indexOf(totalRespond!) + 1}`)).toBe('0.0%');
    expect(totalRespond!.slice(2)).toEqual([
      sla.stages.respond.completed,
      sla.stages.respond.onTime,
      sla.stages.respond.onTimeRate,
      sla.stages.respond.medianWorkingMinutes,
      sla.stages.respond.p90WorkingMinutes,
      sla.stages.respond.breaches,
    ]);

    const { body: breaches } = await get(city, '/supervision/breaches?pageSize=100').expect(200);
    const rows = csvRows((await download('report=breaches&format=csv')).body as Buffer);
    expect(rows.slice(1).map((r) => Number(r[8]))).toEqual(
      breaches.items.map((b: { request: { amount: number } }) => b.request.amount),
    );
    const english = await get(city, '/supervision/export?report=sla&format=csv').set('Accept-Language', 'en');
    expect(english.text.slice(1).split('\n')[0]).toBe(
      'Name,Stage,Completed,On time,On-time rate,Median (working minutes),P90 (working minutes),Breaches',
    );
  });

  it('writes the breach list by names, in words, with times as date cells in the reader’s time zone', async () => {
    const { body: breaches } = await get(city, '/supervision/breaches?region=371525&stage=respond').expect(200);
    expect(breaches.items.map((b: { attempt: number }) => b.attempt)).toEqual([2, 1]);
    const csv = csvRows((await download('report=breaches&format=csv&region=371525&stage=respond')).body as Buffer);
    expect(csv[0]).toEqual([
      '环节',
      '轮次',
      '状态',
      '时限（Asia/Shanghai）',
      '超时记录时间（Asia/Shanghai）',
      '完成时间（Asia/Shanghai）',
      '申请人',
      '区县',
      '金额（元）',
      '机构',
      '现承接机构',
      '督办',
    ]);
    // r3's county attempt: due 13:00, escalated at 13:00:20 unclaimed; the city-wide one assigned late to 农商.
    expect(csv[2]).toEqual([
      '响应',
      '1',
      '超时升级全市',
      '2025-03-10 13:00:00',
      '2025-03-10 13:00:20',
      '2025-03-10 13:00:20',
      breaches.items[1].request.applicantName,
      '冠县',
      '100000',
      '',
      '聊城农商银行',
      '未督办',
    ]);
    expect(csv[1]!.slice(1, 3)).toEqual(['2', '超时后抢单']);
    expect(csv[1]![9]).toBe('聊城农商银行');
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/;
    expect(csv.flat().some((cell) => uuid.test(cell))).toBe(false);

    // The reader in London (GMT in March): the same instants, read as London's wall-clock time.
    const xlsx = (await download('report=breaches&format=xlsx&region=371525&stage=respond&timeZone=Europe%2FLondon'))
      .body as Buffer;
    const [sheet] = await readXlsxFile(xlsx);
    expect(sheet!.data[0]![3]).toBe('时限（Europe/London）');
    const due = sheet!.data[2]![3];
    expect(due).toBeInstanceOf(Date);
    // A serial day number holds the time to within a millisecond: Excel shows it to the second.
    expect(new Date(Math.round(+(due as unknown as Date) / 1000) * 1000).toISOString()).toBe(
      '2025-03-10T05:00:00.000Z',
    );
    expect(sheet!.data[2]![2]).toBe('超时升级全市');
    expect(sheet!.data[2]![8]).toBe(100_000);
    const look = xlsxLook(xlsx);
    expect(look.format('D3')).toBe('yyyy-mm-dd hh:mm:ss');
    expect(look.format('I3')).toBe('#,##0');
    expect(look.widths[3]).toBeGreaterThanOrEqual(textColumns('时限（Europe/London）'));
    expect(look.widths[6]).toBeGreaterThanOrEqual(textColumns(breaches.items[1].request.applicantName));

    const unknown = await get(city, '/supervision/export?report=breaches&format=csv&timeZone=Mars%2FOlympus');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('timeZone');
  });
});

describe('a request escalated city-wide, as the pool and the 派单 picker show it', () => {
  let r5: string;
  beforeAll(async () => {
    r5 = await submit('2025-03-17T10:00', '371525', 150_000);
    await reconcileAt('2025-03-17T13:00:20');
    t.setNow(at('2025-03-17T14:00'));
  });

  it('keeps counting the wait from its entry into the pool: going city-wide does not restart it', async () => {
    const pool = await get(lcrcb, '/pool').expect(200);
    const item = pool.body.items.find((r: { id: string }) => r.id === r5);
    expect(item.poolTier).toBe('city');
    expect(item.deadlines.respond.attempt).toBe(2);
    expect(Date.parse(item.deadlines.respond.startsAt)).toBe(+at('2025-03-17T13:00:20'));
    expect(Date.parse(item.deadlines.waitingSince)).toBe(+at('2025-03-17T10:00'));
  });

  it('lists every institution it may be assigned to, and none that may not take it', async () => {
    const { body } = await get(city, `/loan-requests/${r5}/assignees`).expect(200);
    const names = body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('聊城农商银行');
    expect(body.items).toContainEqual({ id: lcrcbId, name: '聊城农商银行' });
    expect(body.items).toContainEqual({ id: qiluId, name: '齐鲁银行聊城分行' });
    // Of the 32 institutions, those without an officer in 冠县 would be refused (assign.noOfficer): not offered.
    const [all] = await t.platform.db.select({ n: count() }).from(institutions);
    expect(all!.n).toBe(32);
    expect(body.items).toHaveLength(2);
    await get(guanxian, `/loan-requests/${r5}/assignees`).expect(200);
    await get(lcrcb, `/loan-requests/${r5}/assignees`).expect(403);
  });
});
