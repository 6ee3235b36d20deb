import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { readEvent } from '../outbox/catalogue';
import { outbox } from '../outbox/schema';
import { messagesFor } from '../stream/audience';
import { API, createTestPlatform, post, send, TEST_EPOCH, type SignedIn, type TestPlatform } from '../testing/platform';
import { noticeToApplicant } from './notices';

/** 转派: the claiming institution's admin hands a claimed request to another of its officers. */
let t: TestPlatform;
let lcrcbAdmin: SignedIn;
let qiluAdmin: SignedIn;
let holder: SignedIn;
let successor: SignedIn;
let ent: SignedIn;
let qilu: SignedIn;
const officerIds = { successor: '', elsewhere: '', disabled: '', qilu: '' };

const handover = (who: SignedIn, id: string, body: object) => post(who, `/loan-requests/${id}/handover`, body);
const timelineOf = async (id: string) =>
  (await lcrcbAdmin.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200)).body.items;
const requestOf = async (id: string) => (await ent.agent.get(`${API}/loan-requests/${id}`).expect(200)).body;
/** A request of ent.demo in 东昌府区 that officer.lcrcb claimed. */
const claimed = async () => {
  const id = await t.openRequest(ent);
  await post(holder, `/loan-requests/${id}/claim`).expect(200);
  return id;
};

beforeAll(async () => {
  t = await createTestPlatform();
  t.setNow(TEST_EPOCH);
  const admin = await t.signIn('admin');
  [lcrcbAdmin, holder, ent, qilu] = await Promise.all([
    t.signIn('inst.lcrcb'),
    t.signIn('officer.lcrcb'),
    t.signIn('ent.demo'),
    t.signIn('officer.qilu'),
  ]);
  const lcrcbId = lcrcbAdmin.user.institutionId!;
  const officer = async (username: string, countiesServed: string[]) =>
    (
      await post(lcrcbAdmin, `/institutions/${lcrcbId}/officers`, {
        username,
        password: 'Officer2025',
        displayName: `${username}经理`,
        countiesServed,
      }).expect(201)
    ).body.id as string;
  officerIds.successor = await officer('handover.successor', ['371502', '371521']);
  officerIds.elsewhere = await officer('handover.elsewhere', ['371526']);
  officerIds.disabled = await officer('handover.disabled', ['371502']);
  officerIds.qilu = qilu.user.id;
  await send(lcrcbAdmin, 'patch', `/institutions/${lcrcbId}/officers/${officerIds.disabled}`, {
    status: 'disabled',
  }).expect(200);
  // The applicant is told whom to call: the successor's work phone.
  await t.platform.db.update(users).set({ workPhone: '0635-8213602' }).where(eq(users.id, officerIds.successor));
  successor = await t.signIn('handover.successor', 'Officer2025');

  const [bank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
  await post(admin, '/accounts', {
    username: 'handover.qilu.admin',
    password: 'Qilu2026ok',
    role: 'institution_admin',
    displayName: '齐鲁银行管理员',
    institutionId: bank!.id,
  }).expect(201);
  qiluAdmin = await t.signIn('handover.qilu.admin', 'Qilu2026ok');
});
afterAll(async () => {
  await t?.close();
});

describe('POST /loan-requests/:id/handover', () => {
  it('offers only the active officers of the claiming institution serving the county, but the one holding it', async () => {
    const id = await claimed();
    const { body } = await lcrcbAdmin.agent.get(`${API}/loan-requests/${id}/handover-officers`).expect(200);
    const ids = body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(officerIds.successor);
    for (const excluded of [officerIds.elsewhere, officerIds.disabled, officerIds.qilu, holder.user.id]) {
      expect(ids).not.toContain(excluded);
    }
    await qiluAdmin.agent.get(`${API}/loan-requests/${id}/handover-officers`).expect(403);
  });

  it('refuses each bad hand-over with a 4xx naming the field, and writes nothing', async () => {
    const id = await claimed();
    const before = { timeline: await timelineOf(id), request: await requestOf(id) };
    const reason = '原客户经理休假';
    const refusals: [SignedIn, object, number, string, string][] = [
      [lcrcbAdmin, { officerId: officerIds.qilu, reason }, 400, 'officerId', '只能转派给本机构的客户经理'],
      [lcrcbAdmin, { officerId: ent.user.id, reason }, 400, 'officerId', '只能转派给本机构的客户经理'],
      [lcrcbAdmin, { officerId: officerIds.disabled, reason }, 400, 'officerId', '该客户经理账户已停用'],
      [lcrcbAdmin, { officerId: officerIds.elsewhere, reason }, 400, 'officerId', '该客户经理不负责此需求所在区县'],
      [lcrcbAdmin, { officerId: holder.user.id, reason }, 400, 'officerId', '该需求已由此客户经理承接'],
      [lcrcbAdmin, { officerId: officerIds.successor, reason: ' ' }, 400, 'reason', ''],
      [lcrcbAdmin, { officerId: 'not-an-id', reason }, 400, 'officerId', ''],
    ];
    for (const [who, body, status, path, message] of refusals) {
      const res = await handover(who, id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
      expect(detail, JSON.stringify(res.body)).toBeDefined();
      if (message) expect(detail.message).toBe(message);
    }
    // Another bank's admin, and an officer (not an admin), may not hand it over.
    expect((await handover(qiluAdmin, id, { officerId: officerIds.successor, reason })).status).toBe(403);
    expect((await handover(holder, id, { officerId: officerIds.successor, reason })).status).toBe(403);
    expect(await timelineOf(id)).toEqual(before.timeline);
    expect((await requestOf(id)).claimedBy).toEqual(before.request.claimedBy);
    const audit = await (await t.signIn('admin')).agent.get(`${API}/audit?action=request.handover`).expect(200);
    expect(audit.body.items.filter((e: { subjectId: string }) => e.subjectId === id)).toEqual([]);
  });

  it('refuses a request not claimed yet (403: not the institution’s) and one already decided (422 naming the status)', async () => {
    const open = await t.openRequest(ent);
    const body = { officerId: officerIds.successor, reason: '调整分工' };
    expect((await handover(lcrcbAdmin, open, body)).status).toBe(403);
    const decided = await claimed();
    for (const step of [
      { to: 'contacted', visitDate: t.today() },
      { to: 'investigated', visitDate: t.today() },
    ]) {
      await post(holder, `/loan-requests/${decided}/transition`, step).expect(200);
    }
    await post(holder, `/loan-requests/${decided}/transition`, {
      to: 'approved',
      approvedAmount: 300_000,
      annualRate: 3.85,
      termMonths: 12,
    }).expect(200);
    const res = await handover(lcrcbAdmin, decided, body);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'status', message: 'approved' }]);
  });

  it('moves the request to the new officer: timeline with the reason and both names, audit, SLA stage unchanged', async () => {
    const id = await claimed();
    const before = await requestOf(id);
    t.setNow(new Date(TEST_EPOCH.getTime() + 30 * 60_000));
    const res = await handover(lcrcbAdmin, id, { officerId: officerIds.successor, reason: '原客户经理休假' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('claimed');
    expect(res.body.claimedBy.officer).toMatchObject({ id: officerIds.successor, workPhone: '0635-8213602' });

    // The contact stage the claim started runs on: same attempt, same start and due time, still open.
    const after = await requestOf(id);
    const { clock: _before, ...contactBefore } = before.deadlines.contact;
    const { clock: _after, ...contactAfter } = after.deadlines.contact;
    expect(contactAfter).toEqual(contactBefore);
    expect(contactAfter.completedAt).toBeNull();

    const last = (await timelineOf(id)).at(-1);
    expect(last).toMatchObject({
      from: 'claimed',
      to: 'claimed',
      actorId: lcrcbAdmin.user.id,
      note: '原客户经理休假',
      data: {
        handover: {
          from: { id: holder.user.id, name: '张经理（聊城农商银行）' },
          to: { id: officerIds.successor, name: 'handover.successor经理' },
        },
      },
    });
    const audit = await (await t.signIn('admin')).agent.get(`${API}/audit?action=request.handover`).expect(200);
    expect(audit.body.items.find((e: { subjectId: string }) => e.subjectId === id)).toMatchObject({
      actor: { username: 'inst.lcrcb' },
      details: { fromOfficerId: holder.user.id, toOfficerId: officerIds.successor, reason: '原客户经理休假' },
    });
  });

  it('lets only the new officer act on it, in their list at once, and tells the applicant whom to call', async () => {
    const id = await claimed();
    await handover(lcrcbAdmin, id, { officerId: officerIds.successor, reason: '按区域调整' }).expect(200);

    // The old officer's list drops it and they may no longer act on it; the new one's shows it and they may.
    const listOf = async (who: SignedIn) =>
      (await who.agent.get(`${API}/loan-requests?pageSize=100`).expect(200)).body.items.map(
        (r: { id: string }) => r.id,
      );
    expect(await listOf(holder)).not.toContain(id);
    expect(await listOf(successor)).toContain(id);
    expect((await post(holder, `/loan-requests/${id}/transition`, { to: 'contacted' })).status).toBe(403);
    const advanced = await post(successor, `/loan-requests/${id}/transition`, {
      to: 'contacted',
      visitDate: t.today(),
    }).expect(200);
    expect(advanced.body.claimedBy.officer.id).toBe(officerIds.successor);
    // Handed on again, after contact: the stage it is in allows it too.
    await handover(lcrcbAdmin, id, { officerId: holder.user.id, reason: '原客户经理返岗' }).expect(200);
    expect((await post(successor, `/loan-requests/${id}/transition`, { to: 'investigated' })).status).toBe(403);

    // The outbox announces the change: the institution's officers' pages and lists refresh from the stream.
    const [row] = await t.platform.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateId, id), eq(outbox.eventType, 'loan_request.changed')))
      .orderBy(desc(outbox.id))
      .limit(1);
    const event = readEvent(row!.eventType, row!.aggregateId, row!.payload);
    expect(event.payload).toMatchObject({ action: 'handover', from: 'contacted', to: 'contacted' });
    if (event.type !== 'loan_request.changed') throw new Error('expected a change');
    const asOfficer = (who: SignedIn) => ({
      actor: {
        ...who.user,
        role: 'officer' as const,
        displayName: who.user.username,
        countiesServed: ['371502'],
        mustChangePassword: false,
      },
      counties: ['371502'],
    });
    const stream = { id: String(row!.id), type: event.type, payload: event.payload };
    const toSuccessor = messagesFor(stream, asOfficer(successor));
    expect(toSuccessor).toEqual([
      { event: 'request.updated', data: { requestId: id, from: 'contacted', status: 'contacted' } },
    ]);

    // The applicant's notice names the officer who now holds it, with their work phone.
    await noticeToApplicant(t.platform.db, event.payload, null, String(row!.id));
    const [notice] = await t.platform.db
      .select()
      .from(notifications)
      .where(eq(notifications.sourceEventId, String(row!.id)));
    expect(notice).toMatchObject({
      userId: ent.user.id,
      kind: 'progress.handover',
      params: { action: 'handover', officer: { name: '张经理（聊城农商银行）', phone: '0635-8213601' } },
    });
  });
});
