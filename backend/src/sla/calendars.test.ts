import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { EVENT_CATALOGUE } from '../outbox/catalogue';
import { outbox } from '../outbox/schema';
import { eventually } from '../testing/eventually';
import { API, createTestPlatform, post, send, type SignedIn, type TestPlatform } from '../testing/platform';
import { reconcileDue } from './breaches';
import { createLiveCalendar } from '../calendar/calendar-store';
import { replanRecentlyEntered, seedCalendarFile, warnAdminsOfProvisionalYear } from './calendars';
import { slaStages } from '../requests/schema';

/**
 * The year end without the next year's official schedule: nothing refused, deadlines provisional,
 * and re-planned (never shortened) when the admin enters the schedule. The SLA clock is the test's.
 */
let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let admin: SignedIn;
let city: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb, admin, city] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('admin'),
    t.signIn('bureau.city'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const at = (local: string) => new Date(`${local}+08:00`);

const putYear = (who: SignedIn, year: number | string, body: object) =>
  send(who, 'put', `/sla/calendars/${year}`, body);

interface StageView {
  dueAt: string;
  provisional: boolean;
  completedAt: string | null;
}

/** Every promise of the answer is provisional exactly when it counted a day of 2027. */
function expectProvisionalWhere2027(body: { deadlines: Record<string, StageView> }) {
  for (const stage of ['respond', 'contact', 'decide'] as const) {
    const view = body.deadlines[stage];
    if (view) expect(view.provisional, `${stage} due ${view.dueAt}`).toBe(view.dueAt.startsWith('2027'));
  }
}

const timelineNotes = async (id: string) =>
  ((await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200)).body.items as { note: string | null }[])
    .map((e) => e.note)
    .filter((note) => note?.includes('期限重新计算'));

describe('the last days of a year without the next one’s official schedule', () => {
  it.each(['2026-12-24T09:00', '2026-12-30T09:00', '2026-12-31T14:00'])(
    'takes every action at %s, with provisional deadlines where they reach 2027',
    async (local) => {
      t.setNow(at(local));
      const preview = await t.api.get(`${API}/sla/preview`).expect(200);
      expect(preview.body.respond.provisional).toBe(preview.body.respond.dueAt.startsWith('2027'));

      // Submit, claim, and every stage to disbursement.
      const id = await t.openRequest(ent);
      expectProvisionalWhere2027((await post(lcrcb, `/loan-requests/${id}/claim`).expect(200)).body);
      for (const step of [
        { to: 'contacted', visitDate: t.today() },
        { to: 'investigated', visitDate: t.today() },
        { to: 'approved', approvedAmount: 300_000, annualRate: 3.9, termMonths: 12 },
        { to: 'disbursed', disbursedAmount: 300_000 },
      ]) {
        expectProvisionalWhere2027((await post(lcrcb, `/loan-requests/${id}/transition`, step).expect(200)).body);
      }

      // Rejected, then re-opened to other banks.
      const rejected = await t.openRequest(ent);
      await post(lcrcb, `/loan-requests/${rejected}/claim`).expect(200);
      await post(lcrcb, `/loan-requests/${rejected}/transition`, {
        to: 'rejected',
        reasonCode: 'collateral',
        reason: '抵押物不足',
      }).expect(200);
      expectProvisionalWhere2027((await post(ent, `/loan-requests/${rejected}/reopen`).expect(200)).body);

      // Nobody answers: the respond breach escalates into a fresh city-wide window; the bureau assigns it.
      const unanswered = await t.openRequest(ent);
      const { body: before } = await ent.agent.get(`${API}/loan-requests/${unanswered}`).expect(200);
      t.setNow(new Date(Date.parse(before.deadlines.respond.dueAt) + 60_000));
      const { failed } = await reconcileDue(t.platform.db, t.platform.sla);
      expect(failed).toEqual([]);
      const { body: escalated } = await ent.agent.get(`${API}/loan-requests/${unanswered}`).expect(200);
      expect(escalated).toMatchObject({ poolTier: 'city', deadlines: { respond: { attempt: 2, outcome: null } } });
      expectProvisionalWhere2027(escalated);
      // The city-wide window runs out too: now the bureau may assign it.
      t.setNow(new Date(Date.parse(escalated.deadlines.respond.dueAt) + 60_000));
      await reconcileDue(t.platform.db, t.platform.sla);
      const [qilu] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
      const assigned = await post(city, `/loan-requests/${unanswered}/assign`, { institutionId: qilu!.id }).expect(200);
      expectProvisionalWhere2027(assigned.body);
    },
  );

  it('marks a promise that reaches 2027 provisional, and says so in the preview', async () => {
    t.setNow(at('2026-12-30T10:00'));
    const id = await t.openRequest(ent);
    const claimed = await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    // 2 working days from Wed 10:00: Thu 31 Dec, then 元旦 and the weekend, so Mon 4 Jan 10:00.
    expect(claimed.body.deadlines.contact).toMatchObject({ dueAt: '2027-01-04T10:00:00+08:00', provisional: true });
  });
});

describe('warning the operator', () => {
  async function calendarNotifications() {
    const [user] = await t.platform.db.select().from(users).where(eq(users.username, 'admin'));
    return t.platform.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user!.id), eq(notifications.kind, 'sla.calendar_provisional')));
  }

  it('tells the admin once, from 60 days before deadlines can reach a provisional year, and stays ready', async () => {
    t.setNow(at('2026-10-01T10:00'));
    expect(await warnAdminsOfProvisionalYear(t.platform.db, t.platform.sla)).toBeNull();
    t.setNow(at('2026-11-05T10:00'));
    expect(await warnAdminsOfProvisionalYear(t.platform.db, t.platform.sla)).toBe(2027);
    expect(await warnAdminsOfProvisionalYear(t.platform.db, t.platform.sla)).toBe(2027);
    const sent = await calendarNotifications();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.title).toBe('2027 年节假日安排尚未录入');
    const list = await admin.agent.get(`${API}/sla/calendars`).expect(200);
    expect(list.body.upcomingProvisional).toEqual({ year: 2027, firstDay: '2027-01-01' });
    await t.api.get('/readyz').expect(200);
  });
});

describe('entering an official schedule', () => {
  /** 2027 as a test notice might give it: 元旦 1 Jan and Mon 4 Jan off; 春节 5–8 Feb only; Sat 20 Feb worked. */
  const official2027 = {
    holidays: [
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ],
    workdays: ['2027-02-20'],
    source: '测试通知〔2026〕1号',
  };

  it('refuses anyone but the platform admin', async () => {
    await putYear(city, 2027, official2027).expect(403);
    await city.agent.get(`${API}/sla/calendars`).expect(403);
    await t.api.get(`${API}/sla/calendars`).expect(401);
  });

  it('refuses a schedule that makes no sense, naming each field', async () => {
    const res = await putYear(admin, 2027, {
      holidays: ['2026-12-31', '2027-01-01', '2027-01-01'],
      workdays: ['2027-01-05', '2027-01-01'],
    }).expect(400);
    const paths = (res.body.error.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['holidays.0', 'holidays.2', 'workdays.0', 'workdays.1']));
    const impossible = await putYear(admin, 2027, { holidays: ['2027-02-30'], workdays: [] }).expect(400);
    expect(impossible.body.error.details[0].path).toBe('holidays.0');
    await putYear(admin, 1999, official2027).expect(400);
    await putYear(admin, 'next', official2027).expect(400);
    await putYear(admin, 2027, { holidays: '2027-01-01', workdays: [] }).expect(400);
    expect((await t.api.get(`${API}/sla/calendars/2027`).expect(200)).body).toMatchObject({
      source: 'provisional',
      origin: 'statutory',
    });
  });

  it('re-plans the open provisional promises: later where the schedule says so, never earlier, once', async () => {
    // Moved: claimed Wed 30 Dec 10:00, contact due Mon 4 Jan 10:00 on the statutory rule; the notice adds 4 Jan.
    t.setNow(at('2026-12-30T10:00'));
    const moved = await t.openRequest(ent);
    await post(lcrcb, `/loan-requests/${moved}/claim`).expect(200);
    // Not provisional: claimed Thu 24 Dec, due Mon 28 Dec.
    t.setNow(at('2026-12-24T10:00'));
    const untouched = await t.openRequest(ent);
    await post(lcrcb, `/loan-requests/${untouched}/claim`).expect(200);
    // Kept: entering the pool Thu 4 Feb 16:00, due Thu 11 Feb 11:00 on the rule (5–10 Feb off); the notice's
    // schedule works 9 Feb, which would make it due 9 Feb 11:00: the promise already made stands.
    t.setNow(at('2027-02-04T16:00'));
    const kept = await t.openRequest(ent);

    t.setNow(at('2026-12-31T10:00'));
    const saved = await putYear(admin, 2027, official2027).expect(200);
    expect(saved.body).toMatchObject({
      year: 2027,
      source: 'official',
      origin: 'admin',
      note: '测试通知〔2026〕1号',
      workdays: ['2027-02-20'],
    });
    // These three, and whichever requests of the tests above still wait on a provisional promise.
    expect(saved.body.replanned.requests).toBeGreaterThanOrEqual(1);

    const view = async (id: string) => (await ent.agent.get(`${API}/loan-requests/${id}`).expect(200)).body;
    expect((await view(moved)).deadlines.contact).toMatchObject({
      dueAt: '2027-01-05T10:00:00+08:00',
      provisional: false,
    });
    expect((await view(untouched)).deadlines.contact).toMatchObject({ dueAt: '2026-12-28T10:00:00+08:00' });
    expect((await view(kept)).deadlines.respond).toMatchObject({
      dueAt: '2027-02-11T11:00:00+08:00',
      provisional: false,
    });
    expect(await timelineNotes(moved)).toEqual([
      expect.stringContaining('对接与贷前调查截止由 2027-01-04 10:00 调整为 2027-01-05 10:00'),
    ]);
    expect(await timelineNotes(untouched)).toEqual([]);
    expect(await timelineNotes(kept)).toEqual([]);

    // Its breach timer is armed again for the new time, and its pages are told.
    const events = await t.platform.db.select().from(outbox).where(eq(outbox.aggregateId, moved)).orderBy(outbox.id);
    const timers = events
      .filter((e) => e.eventType === 'sla.timers_needed')
      .flatMap((e) => EVENT_CATALOGUE['sla.timers_needed'].parse(e.payload).timers);
    // (The test's clock runs on while it works: a promise keeps the milliseconds it was made at.)
    expect(timers).toContainEqual(
      expect.objectContaining({ kind: 'breach', at: expect.stringMatching(/^2027-01-05T02:00:00\.\d{3}Z$/) }),
    );
    expect(events.filter((e) => e.eventType === 'loan_request.changed').at(-1)!.payload).toMatchObject({
      from: 'claimed',
      to: 'claimed',
    });

    // Saving the same schedule again changes nothing.
    const again = await putYear(admin, 2027, official2027).expect(200);
    expect(again.body.replanned).toEqual({ stages: 0, requests: 0 });
    expect(await timelineNotes(moved)).toHaveLength(1);

    const list = await admin.agent.get(`${API}/sla/calendars`).expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ year: 2027, source: 'official', origin: 'admin', note: '测试通知〔2026〕1号' }),
    );
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ year: 2026, source: 'official', origin: 'library' }),
    );
    const audit = await admin.agent.get(`${API}/audit?action=sla_calendar.save`).expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  it('goes over a newly entered year again, for a stage a process started on the superseded calendar', async () => {
    t.setNow(at('2026-12-30T10:00'));
    const stale = await t.openRequest(ent);
    await post(lcrcb, `/loan-requests/${stale}/claim`).expect(200);
    // As a process that had not read the schedule yet would have promised it: Mon 4 Jan, a day off now.
    await t.platform.db
      .update(slaStages)
      .set({ dueAt: at('2027-01-04T10:00') })
      .where(and(eq(slaStages.requestId, stale), eq(slaStages.stage, 'contact')));
    t.setNow(at('2026-12-31T10:05'));
    expect(await replanRecentlyEntered(t.platform.db, t.platform.sla)).toBe(1);
    const { body } = await ent.agent.get(`${API}/loan-requests/${stale}`).expect(200);
    expect(body.deadlines.contact.dueAt).toBe('2027-01-05T10:00:00+08:00');
    // Long after the save, the workers leave the year alone.
    t.setNow(at('2027-01-20T10:00'));
    expect(await replanRecentlyEntered(t.platform.db, t.platform.sla)).toBe(0);
  });

  it('is followed by every other process within seconds', async () => {
    const other = await createLiveCalendar(t.platform.db, 100);
    try {
      expect(other.isWorkingDay('2027-01-04')).toBe(false);
      await putYear(admin, 2027, { holidays: ['2027-01-01'], workdays: [] }).expect(200);
      await eventually(async () => (other.isWorkingDay('2027-01-04') ? true : undefined), 5000);
    } finally {
      other.close();
    }
  });

  it('can be seeded from SLA_CALENDAR_FILE, leaving the years an admin entered as they are', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lcfin-calendar-')), 'calendars.json');
    writeFileSync(
      file,
      JSON.stringify({
        2027: { holidays: [], workdays: [] },
        2028: { holidays: ['2028-01-03'], workdays: ['2028-01-08'] },
      }),
    );
    expect(await seedCalendarFile(t.platform.db, t.platform.sla, file)).toEqual([2028]);
    expect((await t.api.get(`${API}/sla/calendars/2028`).expect(200)).body).toMatchObject({
      origin: 'admin',
      note: 'SLA_CALENDAR_FILE',
      workdays: ['2028-01-08'],
    });
    expect((await t.api.get(`${API}/sla/calendars/2027`).expect(200)).body.holidays).toEqual(['2027-01-01']);
    writeFileSync(file, JSON.stringify({ 2029: { holidays: ['1 Jan'], workdays: [] } }));
    await expect(seedCalendarFile(t.platform.db, t.platform.sla, file)).rejects.toThrow(/SLA_CALENDAR_FILE .*2029/);
  });
});
