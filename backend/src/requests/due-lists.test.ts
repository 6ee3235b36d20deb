import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, ORDINARY_NEED, post, type SignedIn, type TestPlatform } from '../testing/platform';

/** 即将到期 / 已超时: `GET /loan-requests?due=`, and the working-time clocks every view carries. */
let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;
let lcrcbAdmin: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb, qilu, lcrcbAdmin] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('officer.qilu'),
    t.signIn('inst.lcrcb'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const at = (local: string) => new Date(`${local}+08:00`);
const hour = 3600;

/** An ordinary request in 东昌府区, in the pool. */
const openRequest = () => t.openRequest(ent, { ...ORDINARY_NEED, amount: 500_000 });

async function claimedBy(officer: SignedIn, local: string): Promise<string> {
  t.setNow(at(local));
  const id = await openRequest();
  await post(officer, `/loan-requests/${id}/claim`).expect(200);
  return id;
}

/** The ids of `who`'s list with `due`, in the order given, among `among`. */
async function dueList(who: SignedIn, due: 'soon' | 'overdue', among: string[]): Promise<string[]> {
  const res = await who.agent.get(`${API}/loan-requests?due=${due}&pageSize=100`).expect(200);
  return (res.body.items as { id: string }[]).map((r) => r.id).filter((id) => among.includes(id));
}

describe('due soon and overdue lists', () => {
  it('lists a claimed request once past its reminder point, then once past its due time, most urgent first', async () => {
    // Claimed Wednesday 10:00 and 10:30: contact & investigate (2 working days) is due Friday 10:00 and 10:30,
    // the reminder at 2/3 of 16 working hours, Thursday 12:40 and 13:10.
    const first = await claimedBy(lcrcb, '2025-03-12T10:00');
    const second = await claimedBy(lcrcb, '2025-03-12T10:30');
    const both = [first, second];
    t.setNow(at('2025-03-13T12:00'));
    expect(await dueList(lcrcb, 'soon', both)).toEqual([]);
    expect(await dueList(lcrcb, 'overdue', both)).toEqual([]);

    t.setNow(at('2025-03-13T13:30'));
    expect(await dueList(lcrcb, 'soon', both)).toEqual([first, second]);
    expect(await dueList(lcrcbAdmin, 'soon', both)).toEqual([first, second]);
    expect(await dueList(lcrcb, 'overdue', both)).toEqual([]);

    t.setNow(at('2025-03-14T10:15'));
    expect(await dueList(lcrcb, 'soon', both)).toEqual([second]);
    expect(await dueList(lcrcb, 'overdue', both)).toEqual([first]);
    const late = await lcrcb.agent.get(`${API}/loan-requests/${first}`).expect(200);
    // Overdue by a quarter of a working hour, give or take the seconds the test clock ran meanwhile.
    expect(Math.abs(late.body.deadlines.contact.clock.workingSecondsLeft + 15 * 60)).toBeLessThan(30);

    // Investigated in time: the contact stage ends, the decide stage (5 working days) is far off.
    await post(lcrcb, `/loan-requests/${second}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${second}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);
    expect(await dueList(lcrcb, 'soon', both)).toEqual([]);
    expect(await dueList(lcrcb, 'overdue', both)).toEqual([first]);
  });

  it('keeps each list in the caller’s scope: another institution’s requests never appear', async () => {
    const ours = await claimedBy(lcrcb, '2025-03-17T10:00');
    const theirs = await claimedBy(qilu, '2025-03-17T10:30');
    const both = [ours, theirs];
    t.setNow(at('2025-03-20T10:00'));
    expect(await dueList(lcrcb, 'overdue', both)).toEqual([ours]);
    expect(await dueList(lcrcbAdmin, 'overdue', both)).toEqual([ours]);
    expect(await dueList(qilu, 'overdue', both)).toEqual([theirs]);
    // The applicant follows both of theirs; a county bureau sees its county only.
    expect(await dueList(ent, 'overdue', both)).toEqual(both);
    expect(await dueList(await t.signIn('bureau.city'), 'overdue', both)).toEqual(both);
    expect(await dueList(await t.signIn('bureau.guanxian'), 'overdue', both)).toEqual([]);
  });

  it('names the field of a filter it does not know', async () => {
    const res = await lcrcb.agent.get(`${API}/loan-requests?due=tomorrow`).expect(400);
    expect(res.body.error.details[0].path).toBe('due');
  });
});

describe('the clock of an open stage', () => {
  it('gives each pool item its working time left and when that time passes', async () => {
    // In the pool Wednesday 16:00: due Thursday 11:00; the clock runs until 17:00, then from 09:00.
    t.setNow(at('2025-03-19T16:00'));
    const id = await openRequest();
    const pool = await lcrcb.agent.get(`${API}/pool`).expect(200);
    const item = pool.body.items.find((r: { id: string }) => r.id === id);
    const clock = item.deadlines.respond.clock;
    const elapsed = (Date.parse(clock.asOf) - at('2025-03-19T16:00').getTime()) / 1000;
    expect(clock.workingSecondsLeft).toBeCloseTo(3 * hour - elapsed, -1);
    expect(clock.runs).toHaveLength(2);
    expect(clock.runs[0][0]).toBe(0);
    expect(clock.runs[0][1]).toBeCloseTo(hour - elapsed, -1);
    expect(clock.runs[1][0]).toBeCloseTo(17 * hour - elapsed, -1);
  });

  it('stands still at night and ends with its stage', async () => {
    t.setNow(at('2025-03-19T20:00'));
    const id = await openRequest();
    const night = await lcrcb.agent.get(`${API}/loan-requests/${id}`).expect(200);
    const { workingSecondsLeft, runs } = night.body.deadlines.respond.clock;
    expect(workingSecondsLeft).toBe(3 * hour);
    // From 09:00 to 17:00 tomorrow, give or take the seconds the test took.
    expect(runs).toHaveLength(1);
    expect(Math.abs(runs[0][0] - 13 * hour)).toBeLessThan(5);
    expect(runs[0][1] - runs[0][0]).toBe(8 * hour);
    const claimed = await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    expect(claimed.body.deadlines.respond).toMatchObject({ outcome: 'on_time', clock: null });
    // Two working days of eight office hours: the page reads them as working days, not a clock time.
    expect(claimed.body.deadlines.contact.clock).toMatchObject({
      workingSecondsLeft: 16 * hour,
      workingSecondsPerDay: 8 * hour,
    });
  });
});

describe('a clock at the end of the calendar', () => {
  it('runs on into a year without an official schedule, on its statutory holidays', async () => {
    // The library knows 2026, not yet 2027: on 31 December the clock's day ahead reaches 2027.
    t.setNow(at('2026-12-30T10:00'));
    const id = await openRequest();
    t.setNow(at('2026-12-31T16:00'));
    const view = await ent.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(view.body.deadlines.respond).toMatchObject({ dueAt: '2026-12-30T13:00:00+08:00', provisional: false });
    // Overdue by 11 working hours: 13:00–17:00 on the 30th, 09:00–16:00 on the 31st.
    expect(Math.abs(view.body.deadlines.respond.clock.workingSecondsLeft + 11 * hour)).toBeLessThan(10);
    const pool = await lcrcb.agent.get(`${API}/pool`).expect(200);
    const { runs } = pool.body.items.find((r: { id: string }) => r.id === id).deadlines.respond.clock;
    // The rest of the 31st, then nothing: 1 January 2027 is 元旦, and the day ahead ends before the 4th.
    expect(runs).toHaveLength(1);
    expect(runs[0][1] - runs[0][0]).toBeLessThanOrEqual(hour);
  });
});
